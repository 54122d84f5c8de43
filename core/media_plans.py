"""What the media worker makes from a kept self-tape, decided from ffprobe's facts alone.

A video gets a thumbnail and a low-bandwidth copy that fits WhatsApp's 16 MB and streams over
2G; a voice note gets a copy evened out to a common loudness, so a casting director does not
ride the volume between a whisper recorded in a bus and a shout recorded in a studio. The worker
(workers/media_processing.py) runs ffprobe and ffmpeg; this module only reads what ffprobe said
and writes ffmpeg's arguments, so every choice is testable without either.
"""
import math
from dataclasses import dataclass

from core.media import MB
from core.media_facts import MediaFacts, Unplayable

# WhatsApp refuses a video over 16 MB; the copy is made to be sent there.
LOW_VIDEO_MAX_BYTES = 16 * MB
# The encoder's average drifts above its target, and the MP4 boxes and AAC framing cost a few
# per cent more (bench/transcode.py --longest: 3% over on ten minutes of a busy test pattern):
# aim under the limit by this share.
SIZE_MARGIN = 0.90
# 2G (EDGE) carries 100-250 kbit/s in practice: at this rate a two-minute tape downloads in about
# three minutes there and streams on anything better; more only makes the casting director wait.
TOTAL_CAP_KBPS = 300
SPEECH_AAC_KBPS = 32  # mono speech; AAC-LC below this turns voices to mush
SPEECH_AAC_RATE_HZ = 24_000
SHORT_SIDE_PX = 360  # a face at 360p reads on a phone and keeps the bitrate for movement
MAX_FPS = 30  # phones shoot 60 fps; half of it is enough for a reading and halves the bits
KEYFRAME_EVERY_S = 2  # seeking on a slow link lands within two seconds of the tap
X264_PRESET = "veryfast"  # two shared cores: quality gained by slower presets is not worth 2-3x
# Self-tapes run one to five minutes. Ten minutes still fits 16 MB at about 200 kbit/s.
VIDEO_MAX_S = 600
VOICE_MAX_S = 1800  # WhatsApp voice notes can be long; loudness evening is cheap
THUMBNAIL_AT_S = 1.0  # the first frames are often black, or the phone still moving
THUMBNAIL_FRACTION = 0.1  # a clip shorter than 10 s: this far in
THUMBNAIL_JPEG_QUALITY = 4  # ffmpeg's mjpeg scale, 2 (best) to 31: 15-30 KB at 640x360
# EBU R128 for speech on phones: -16 LUFS is what podcast and voice apps aim at.
LOUDNESS_LUFS = -16
TRUE_PEAK_DBTP = -1.5
LOUDNESS_RANGE_LU = 11
VOICE_OPUS_KBPS = 24  # Opus mono speech is clear from about 16 kbit/s
OPUS_RATE_HZ = 48_000  # what libopus takes; loudnorm hands on 192 kHz
LOUDNORM = f"loudnorm=I={LOUDNESS_LUFS}:TP={TRUE_PEAK_DBTP}:LRA={LOUDNESS_RANGE_LU}"
SECONDS_PER_MINUTE = 60
VIDEO_TOO_LONG = ("A video can be at most {limit_min} minutes for a copy that plays over 2G; "
                  "this one runs {minutes} minutes.")
VOICE_NOTE_TOO_LONG = ("A voice note can be at most {limit_min} minutes to be evened out; "
                       "this one runs {minutes} minutes.")


@dataclass(frozen=True)
class Derivative:
    """One file to make: the media kind it is kept as and the ffmpeg arguments that make it."""

    kind: str  # thumbnail, video_low or voice_normalised (core/media.py)
    content_type: str
    suffix: str  # ffmpeg picks nothing from it (the format is named) but people reading /tmp do
    output_args: tuple[str, ...]
    input_args: tuple[str, ...] = ()  # before -i: a seek there skips decoding what comes before

    def argv(self, source: str, target: str) -> list[str]:
        """The whole command line, as a list for subprocess: never a shell string."""
        return ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                *self.input_args, "-i", source, *self.output_args, target]


def derivatives(facts: MediaFacts) -> tuple[Derivative, ...]:
    """A video's thumbnail and low-bandwidth copy, or a voice note's evened-out copy."""
    is_video = facts.picture is not None
    limit_s = VIDEO_MAX_S if is_video else VOICE_MAX_S
    if facts.duration_s > limit_s:
        raise Unplayable(VIDEO_TOO_LONG if is_video else VOICE_NOTE_TOO_LONG,
                         limit_min=limit_s // SECONDS_PER_MINUTE,
                         minutes=math.ceil(facts.duration_s / SECONDS_PER_MINUTE))
    return (thumbnail(facts), low_video(facts)) if is_video else (voice_note(facts),)


def low_video_kbps(duration_s: float, has_sound: bool) -> tuple[int, int]:
    """(video, audio) kbit/s: the rate that fits 16 MB, capped for 2G, less the speech track."""
    audio = SPEECH_AAC_KBPS if has_sound else 0
    fits = int(LOW_VIDEO_MAX_BYTES * 8 * SIZE_MARGIN / max(duration_s, 1.0) / 1000)
    return min(TOTAL_CAP_KBPS, fits) - audio, audio


def scaled(facts: MediaFacts) -> str:
    """ffmpeg's scale filter to SHORT_SIDE_PX on the short side as the picture is shown (ffmpeg
    turns a phone's rotated frames upright before filtering), never enlarged, sides even."""
    width, height = facts.picture.shown_size
    short = min(SHORT_SIDE_PX, width, height) // 2 * 2
    return f"scale={short}:-2" if width <= height else f"scale=-2:{short}"


def thumbnail(facts: MediaFacts) -> Derivative:
    # A seek past the picture's end makes ffmpeg write nothing: count in the picture's own length.
    at_s = min(THUMBNAIL_AT_S, (facts.picture.duration_s or facts.duration_s) * THUMBNAIL_FRACTION)
    return Derivative("thumbnail", "image/jpeg", ".jpg", (
        "-map", "0:v:0", "-frames:v", "1", "-vf", scaled(facts), "-map_metadata", "-1",
        "-c:v", "mjpeg", "-q:v", str(THUMBNAIL_JPEG_QUALITY), "-f", "image2",
    ), ("-ss", f"{at_s:.3f}"))


def low_video(facts: MediaFacts) -> Derivative:
    video_kbps, audio_kbps = low_video_kbps(facts.duration_s, facts.has_sound)
    fps = min(facts.picture.fps, MAX_FPS)
    filters = scaled(facts) + (f",fps={MAX_FPS}" if facts.picture.fps > MAX_FPS else "")
    sound = ("-map", "0:a:0", "-af", LOUDNORM, "-c:a", "aac", "-ac", "1", "-ar", str(SPEECH_AAC_RATE_HZ),
             "-b:a", f"{audio_kbps}k") if facts.has_sound else ("-an",)
    # The phone's metadata (its GPS position among it) stays behind: the copy travels.
    return Derivative("video_low", "video/mp4", ".mp4", (
        "-map", "0:v:0", *sound, "-map_metadata", "-1", "-sn", "-dn", "-vf", filters,
        "-c:v", "libx264", "-preset", X264_PRESET, "-profile:v", "main", "-pix_fmt", "yuv420p",
        # A capped rate with a two-second buffer: no burst outruns a 2G link, and the size holds.
        "-b:v", f"{video_kbps}k", "-maxrate", f"{video_kbps}k", "-bufsize", f"{2 * video_kbps}k",
        "-g", str(max(1, round(fps * KEYFRAME_EVERY_S))),
        "-movflags", "+faststart", "-f", "mp4",  # the index first: playback starts before the end arrives
    ))


def voice_note(facts: MediaFacts) -> Derivative:
    return Derivative("voice_normalised", "audio/ogg", ".ogg", (
        "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-af", LOUDNORM,
        "-c:a", "libopus", "-application", "voip", "-b:a", f"{VOICE_OPUS_KBPS}k",
        "-ac", "1", "-ar", str(OPUS_RATE_HZ), "-f", "ogg",
    ))
