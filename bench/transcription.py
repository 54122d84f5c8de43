"""Transcription speed as a multiple of real time: faster-whisper with the packaged tiny.en on
2 CPU threads (int8), on English spoken by espeak-ng and sent as a WhatsApp-style Ogg Opus voice
note. Best of 3 per row; the model load is timed apart (a worker loads it once).

    .venv/bin/python -m bench.transcription

Two recordings: a self-tape monologue, and three takes of the same lines in one file, whose
honest text compresses well enough to look like Whisper repeating itself at Whisper's default
limit (see COMPRESSION_RATIO_LIMIT in workers/whisper_speech.py).

The issue asks for at least 5x real time. Other helpers load the same 2 cores while this runs,
so the figures are noisy; best of 3 takes the least disturbed run.
"""
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import best_of
from core.transcripts import word_error_rate
from tests.unit.workers.speech_samples import CASTING_READ, SELF_TAPE_MONOLOGUE, spoken_wav, voice_note, wav_seconds
from workers.whisper_speech import BEAM_SIZE, WhisperSpeechToText

TARGET_REALTIME = 5.0
RUNS = 3
CPU_THREADS = 2
THREE_TAKES = " ".join([*CASTING_READ, "That was my first take.", *CASTING_READ, "Here is a second take.",
                        *CASTING_READ])
RECORDINGS = {"monologue": SELF_TAPE_MONOLOGUE, "three takes": THREE_TAKES}


def main() -> int:
    if shutil.which("espeak-ng") is None:
        print("skipped: espeak-ng not installed (apt-get install espeak-ng)")
        return 0
    started = time.perf_counter()
    WhisperSpeechToText(cpu_threads=CPU_THREADS).load()
    print(f"model tiny.en int8, {CPU_THREADS} threads, load {time.perf_counter() - started:.2f} s; "
          f"load average {os.getloadavg()[0]:.2f} (other work on these cores slows every row)")
    print(f"{'recording':<13}{'audio s':>8}{'beam':>6}{'seconds':>9}{'x real time':>13}{'WER':>7}"
          f"  target >= {TARGET_REALTIME}x with beam {BEAM_SIZE}")
    slow = []
    for name, text in RECORDINGS.items():
        with tempfile.TemporaryDirectory() as folder:
            wav = spoken_wav(text, Path(folder))
        note, audio_s = voice_note(wav), wav_seconds(wav)
        for beam in (BEAM_SIZE, 1):
            speech = WhisperSpeechToText(cpu_threads=CPU_THREADS, beam_size=beam)
            seconds, heard = best_of(lambda: speech.transcribe(note, "audio/ogg", limit_s=600), RUNS)
            multiple = audio_s / seconds
            print(f"{name:<13}{audio_s:>8.1f}{beam:>6}{seconds:>9.2f}{multiple:>12.1f}x"
                  f"{word_error_rate(text, heard.text):>7.3f}")
            if name == "monologue" and beam == BEAM_SIZE and multiple < TARGET_REALTIME:
                slow.append(name)
    print(f"monologue with beam {BEAM_SIZE}: {'below' if slow else 'meets'} the target")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
