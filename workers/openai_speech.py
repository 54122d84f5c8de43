"""The SpeechToText port on the OpenAI transcription API, or any server that speaks it (settings:
NOLLYCREW_TRANSCRIPTION_API_BASE_URL, _KEY, _MODEL). The file goes as it came from the chat."""
import openai

from core.transcripts import Segment, SpeechToText, Transcription, Untranscribable

MAX_RETRIES = 2
# The API names the language in English words; the application keeps codes, as chat_language does.
LANGUAGE_CODES = {"english": "en", "yoruba": "yo", "igbo": "ig", "hausa": "ha", "french": "fr"}
# What the API accepts, by file name: it reads the type from the extension.
FILE_NAMES = {"audio/ogg": "voice.ogg", "audio/mpeg": "voice.mp3", "audio/mp4": "voice.m4a",
              "audio/wav": "voice.wav", "audio/x-wav": "voice.wav", "audio/webm": "voice.webm",
              "video/mp4": "tape.mp4", "video/webm": "tape.webm"}
# Refusals of the file itself: sending it again would be refused again.
FILE_REFUSED = {400, 413, 415, 422}


class OpenAISpeechToText(SpeechToText):
    def __init__(self, base_url: str, api_key: str, model: str):
        self._base_url, self._api_key, self.model_name = base_url, api_key or "none", model

    def transcribe(self, audio: bytes, content_type: str, limit_s: float) -> Transcription:
        client = openai.OpenAI(base_url=self._base_url, api_key=self._api_key, timeout=limit_s,
                               max_retries=MAX_RETRIES)
        file = (FILE_NAMES.get(content_type, "voice.ogg"), audio, content_type)
        try:
            answer = client.audio.transcriptions.create(model=self.model_name, file=file,
                                                        response_format="verbose_json")
        except openai.APIStatusError as error:
            if error.status_code in FILE_REFUSED:
                raise Untranscribable("The transcription service refused this file (HTTP {status}).",
                                      status=error.status_code) from None
            raise  # a bad key, a limit, an outage: RQ tries again later
        finally:
            client.close()
        segments = tuple(Segment(round(s.start, 2), round(s.end, 2), s.text.strip()) for s in answer.segments or ())
        language = LANGUAGE_CODES.get(answer.language.lower(), answer.language.lower())
        return Transcription(answer.text.strip(), language, float(answer.duration), self.model_name, segments)
