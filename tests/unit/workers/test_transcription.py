"""The transcription job's choices that need no Redis, CouchDB or chat: the backend a worker's
settings pick and the job id that makes a repeat one job (the job itself runs for real in
tests/integration/workers/test_transcription_queue.py)."""
import re

from config.settings import Settings
from workers.openai_speech import OpenAISpeechToText
from workers.transcription import speech_from_settings, transcript_job_id
from workers.whisper_speech import WhisperSpeechToText


def test_whisper_with_the_packaged_model_is_the_default():
    speech = speech_from_settings(Settings())

    assert isinstance(speech, WhisperSpeechToText) and speech.model_name == "tiny.en"


def test_a_model_directory_setting_names_the_model(monkeypatch, tmp_path):
    monkeypatch.setenv("NOLLYCREW_WHISPER_MODEL_DIR", str(tmp_path / "small"))

    assert speech_from_settings(Settings()).model_name == "small"


def test_the_openai_api_is_used_when_its_address_is_set(monkeypatch):
    monkeypatch.setenv("NOLLYCREW_TRANSCRIPTION_API_BASE_URL", "http://127.0.0.1:8798/v1")
    monkeypatch.setenv("NOLLYCREW_TRANSCRIPTION_API_MODEL", "gpt-4o-mini-transcribe")

    speech = speech_from_settings(Settings())

    assert isinstance(speech, OpenAISpeechToText) and speech.model_name == "gpt-4o-mini-transcribe"


def test_one_job_id_per_application_and_file():
    first = transcript_job_id("job1.person1", 0)

    assert first == transcript_job_id("job1.person1", 0)
    assert len({first, transcript_job_id("job1.person1", 1), transcript_job_id("job1.person2", 0)}) == 3
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)  # what RQ allows in a job id
