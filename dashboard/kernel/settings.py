"""The desk's settings: read once from SERVICEDESK_* variables (and, for SMTP,
Streamlit's secrets file) into one typed object."""

import functools
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

PREFIX = "SERVICEDESK_"
DEFAULT_BASE_URL = "http://localhost:8501"
DEFAULT_SENDER = "MDM/R Service Desk <servicedesk@localhost>"
# The files Streamlit reads st.secrets from (the project's overrides the user's).
SECRETS_FILES = (
    Path.home() / ".streamlit" / "secrets.toml",
    Path(".streamlit") / "secrets.toml",
)
JobsMode = Literal["on", "off", "worker"]
_OFF = {"off", "0", "false", "no"}

# Set while settings are read from a given mapping instead of the process's
# environment (tests, and the checks of one variable).
_reading_given = ContextVar("reading_given", default=False)


class Settings(BaseSettings):
    """Everything the desk takes from its environment."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    db: Path = Path("data/servicedesk.duckdb")
    # A SQLAlchemy URL (postgresql+psycopg://...): the store, instead of the file.
    database_url: str = ""
    db_memory: str = "1GB"
    base_url: str = DEFAULT_BASE_URL
    # on: the web process runs the jobs; worker: `servicedesk-worker` does; off: none.
    jobs: JobsMode = "on"
    exports: Path | None = None
    smtp_host: str = ""
    smtp_port: str = ""
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = DEFAULT_SENDER

    @field_validator("jobs", mode="before")
    @classmethod
    def _jobs_words(cls, value: object) -> object:
        word = str(value).strip().lower()
        return "off" if word in _OFF else word

    @field_validator("base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def store(self) -> str:
        """The store: the database URL when one is set, else the DuckDB file."""
        return self.database_url or str(self.db)

    @property
    def exports_folder(self) -> Path:
        """Where the reporting export writes its Parquet files."""
        return self.exports_for(self.store)

    def exports_for(self, store: str) -> Path:
        """Where the files made from a store go (the reporting export, the analytics
        snapshots): SERVICEDESK_EXPORTS, else exports/ beside the store's DuckDB
        file (for a database server, beside the default file)."""
        if self.exports is not None:
            return self.exports
        if "://" in store and not store.startswith("duckdb:///"):
            return self.db.parent / "exports"
        return Path(store.removeprefix("duckdb:///")).parent / "exports"

    @classmethod
    def settings_customise_sources(  # noqa: PLR0917 - pydantic-settings' protocol
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The environment first, then Streamlit's secrets file for SMTP."""
        secrets = StreamlitSecrets(settings_cls)
        if _reading_given.get():
            return (init_settings, secrets)
        return (init_settings, env_settings, secrets)


class StreamlitSecrets(PydanticBaseSettingsSource):
    """The [smtp] table of Streamlit's secrets files, as smtp_* settings."""

    def get_field_value(
        self, field: FieldInfo, field_name: str
    ) -> tuple[Any, str, bool]:
        """One field's value (unused: __call__ reads the whole table)."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for path in SECRETS_FILES:
            if path.is_file():
                with path.open("rb") as handle:
                    table = tomllib.load(handle).get("smtp", {})
                if isinstance(table, dict):
                    found.update({f"smtp_{k}": str(v) for k, v in table.items()})
        return found


def read(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from an environment (the process's when none is given)."""
    if env is None:
        return Settings()
    given: dict[str, Any] = {
        name[len(PREFIX) :].lower(): value
        for name, value in env.items()
        if name.startswith(PREFIX)
    }
    reading = _reading_given.set(True)
    try:
        return Settings(**given)
    finally:
        _reading_given.reset(reading)


@functools.cache
def current() -> Settings:
    """The process's settings, read once."""
    return read()
