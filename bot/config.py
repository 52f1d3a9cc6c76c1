"""Settings from the environment or .env; a bad value stops start-up with one clear line."""

import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from models.db import async_url

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
# What Telegram accepts as a webhook's secret_token (setWebhook).
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    """Everything an operator can set; see .env.example and the README."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = "sqlite:///data/steady.db"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Validated even when unset: in webhook mode it is required (see _webhook_secret).
    webhook_secret_token: SecretStr | None = Field(default=None, validate_default=True)
    grace_window_minutes: int = Field(default=120, ge=0, le=7 * 24 * 60)
    # Updates handled at once by one process (each user's still one at a time); 1 = in turn.
    update_concurrency: int = Field(default=32, ge=1, le=1024)
    log_format: Literal["text", "json"] = "text"
    # The operator's view (/healthz, /metrics): off unless ADMIN_PORT is set.
    admin_listen: str = "127.0.0.1"
    admin_port: int | None = Field(default=None, ge=1, le=65535)
    health_max_silence_seconds: int = Field(default=180, ge=10, le=24 * 3600)
    health_max_late_seconds: int = Field(default=600, ge=10, le=7 * 24 * 3600)
    prometheus_multiproc_dir: Path | None = None

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        head, _, tail = value.get_secret_value().strip().partition(":")
        if not head.isdigit() or len(tail) < 5:
            raise ValueError("expected the shape 123456:ABC-DEF... that @BotFather gives")
        return value

    @field_validator("telegram_api_base_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None if value is None else DEFAULT_API_BASE_URL
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// URL")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        secret = value.get_secret_value().strip() if value is not None else ""
        if not secret:
            if info.data.get("webhook_url"):
                # Without it anyone who finds the URL can post updates as any user.
                raise ValueError(
                    "webhook mode (WEBHOOK_URL) needs a secret, e.g. the output of "
                    "`openssl rand -hex 32`"
                )
            return None
        if not _SECRET_SHAPE.fullmatch(secret):
            raise ValueError("expected 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return SecretStr(secret)

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        try:
            async_url(value)
        except Exception as error:
            raise ValueError(f"expected sqlite:///path or postgresql://... ({error})") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("prometheus_multiproc_dir")
    @classmethod
    def _multiproc_dir(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        # prometheus-client reads the variable itself, once, when it is first imported.
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR") != str(value):
            raise ValueError("set it in the process environment, not only in .env")
        if not value.is_dir() or not os.access(value, os.W_OK):
            raise ValueError(f"expected a folder this process can write to, not {value}")
        return value

    @field_validator("allowed_user_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part for part in value.replace(";", ",").replace(" ", ",").split(",") if part]
            if not all(part.lstrip("-").isdigit() for part in parts):
                raise ValueError("expected Telegram user ids separated by commas, e.g. 123,456")
            return frozenset(int(part) for part in parts)
        return value

    @property
    def bot_base_url(self) -> str:
        """Return the Bot API base that python-telegram-bot appends the token to."""
        base = self.telegram_api_base_url
        return base if base.endswith("/bot") else f"{base}/bot"

    @property
    def file_base_url(self) -> str:
        """Return the file download base that follows from the API base."""
        return self.bot_base_url.removesuffix("/bot") + "/file/bot"


def describe_error(error: ValidationError) -> str:
    """Return one line naming the first bad setting and what was expected."""
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "a setting"
    message = first["msg"].removeprefix("Value error, ")
    return f"Steady cannot start: the setting {name} is not valid: {message}."
