"""Speech for the transcription tests and bench: ordinary English spoken by Debian's espeak-ng,
made into the files chats carry (a WhatsApp voice note is Ogg Opus; a phone video is MP4)."""
import io
import shutil
import subprocess
from pathlib import Path

import av
import pytest

# What an actor might say reading for a part or answering a call: no numbers, names or
# homophones a listener could fairly write two ways.
CASTING_READ = (
    "Good morning, my name is Ada and I am reading for the part of the lawyer.",
    "The director wants everyone on set before the sun comes up tomorrow.",
    "Please bring your own costume and learn your lines for the market scene.",
    "We will break for lunch at noon and wrap when the light goes.",
)
# A self-tape's introduction and a word on the scene, about 40 seconds spoken.
SELF_TAPE_MONOLOGUE = (
    "Good evening. My name is Ada Okafor and I am reading for the part of the lawyer in the market scene. "
    "I have been acting for six years, mostly on stage in Lagos, and I speak English, Igbo and a little Yoruba. "
    "In this scene my character learns that her brother has sold the family land without telling anyone. "
    "She is angry, but she does not shout. She sits down, pours a glass of water, and asks him to explain. "
    "I tried to play it quietly, because I think the silence is stronger than any words she could say. "
    "If you would like me to try it another way, I am happy to record it again tomorrow morning. "
    "I am free for the whole month of December, and I can travel to Enugu or Abuja for the shoot. "
    "Thank you for your time, and I hope to hear from you soon."
)
VOICE_NOTE_RATE_HZ = 48_000  # Opus's own rate


def require_espeak() -> str:
    found = shutil.which("espeak-ng")
    if found is None:
        pytest.skip("espeak-ng not installed: `apt-get install espeak-ng` (.ci/run installs it)")
    return found


def spoken_wav(text: str, folder: Path, voice: str = "en") -> bytes:
    """`text` spoken as a 22 kHz mono WAV."""
    path = folder / "spoken.wav"
    subprocess.run([require_espeak(), "-v", voice, "-w", str(path), text], check=True, capture_output=True)
    return path.read_bytes()


def voice_note(wav: bytes) -> bytes:
    """The WAV as WhatsApp sends a voice note: Ogg Opus, mono, 48 kHz."""
    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as source, av.open(out, "w", format="ogg") as note:
        stream = note.add_stream("libopus", rate=VOICE_NOTE_RATE_HZ)
        stream.layout = "mono"
        resampler = av.AudioResampler(format="s16", layout="mono", rate=VOICE_NOTE_RATE_HZ)
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                note.mux(stream.encode(resampled))
        for resampled in resampler.resample(None):
            note.mux(stream.encode(resampled))
        note.mux(stream.encode(None))
    return out.getvalue()


def wav_seconds(wav: bytes) -> float:
    with av.open(io.BytesIO(wav)) as source:
        stream = source.streams.audio[0]
        return float(stream.duration * stream.time_base)


def phone_video(wav: bytes, size_px: int = 64, frames_per_s: int = 10) -> bytes:
    """The WAV as the sound of an MP4 (MPEG-4 picture, AAC sound), as a phone sends a
    self-tape; the picture is black: only the sound matters to a transcript."""
    import numpy

    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as source, av.open(out, "w", format="mp4") as video:
        picture = video.add_stream("mpeg4", rate=frames_per_s)
        picture.width = picture.height = size_px
        picture.pix_fmt = "yuv420p"
        sound = video.add_stream("aac", rate=VOICE_NOTE_RATE_HZ)
        sound.layout = "mono"
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=VOICE_NOTE_RATE_HZ)
        black = numpy.zeros((size_px, size_px, 3), dtype=numpy.uint8)
        for frame_number in range(int(wav_seconds(wav) * frames_per_s) + 1):
            frame = av.VideoFrame.from_ndarray(black, format="rgb24")
            frame.pts = frame_number
            video.mux(picture.encode(frame))
        video.mux(picture.encode(None))
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                video.mux(sound.encode(resampled))
        for resampled in resampler.resample(None):
            video.mux(sound.encode(resampled))
        video.mux(sound.encode(None))
    return out.getvalue()
