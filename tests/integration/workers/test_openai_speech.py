"""The OpenAI transcription backend through the real `openai` client against the fake server's
/v1/audio/transcriptions: the file goes as a multipart upload, verbose JSON comes back."""
import asyncio

import openai
import pytest

from core.transcripts import Untranscribable
from tests.fakes.openai_server import FakeOpenAI
from workers.openai_speech import OpenAISpeechToText

KEY = "transcription-test-key"
NOTE = b"OggS" + bytes(range(256)) * 8  # the bytes only travel; the fake does not decode them


@pytest.fixture
async def fake():
    async with FakeOpenAI(api_key=KEY) as fake:
        yield fake


async def hear(fake, key=KEY, content_type="audio/ogg"):
    speech = OpenAISpeechToText(fake.base_url, key, "whisper-1")
    return await asyncio.to_thread(speech.transcribe, NOTE, content_type, 30)


async def test_the_file_goes_up_and_the_transcript_comes_back(fake):
    fake.transcript_text, fake.transcript_duration_s = "Na me go play Ada.", 2.75

    heard = await hear(fake)

    assert (heard.text, heard.language, heard.duration_s, heard.model) == (
        "Na me go play Ada.", "en", 2.75, "whisper-1")
    assert [(s.start_s, s.end_s, s.text) for s in heard.segments] == [(0.0, 2.75, "Na me go play Ada.")]
    (sent,) = fake.transcriptions
    assert (sent["model"], sent["response_format"], sent["file_name"], sent["audio"]) == (
        "whisper-1", "verbose_json", "voice.ogg", NOTE)


async def test_a_video_goes_with_a_name_the_api_reads_its_type_from(fake):
    await hear(fake, content_type="video/mp4")

    assert fake.transcriptions[0]["file_name"] == "tape.mp4"


@pytest.mark.parametrize("status", [400, 413])
async def test_a_file_the_api_refuses_is_an_answer_with_its_reason(fake, status):
    fake.fail_status = status

    with pytest.raises(Untranscribable, match=f"HTTP {status}"):
        await hear(fake)


async def test_a_wrong_key_or_an_outage_fails_the_job_so_rq_retries(fake):
    with pytest.raises(openai.AuthenticationError):
        await hear(fake, key="wrong-key")

    fake.fail_status = 503
    with pytest.raises(openai.APIStatusError):
        await hear(fake)
