"""Settings: environment variables WORKBENCH_*, then an optional TOML file, then defaults.

The TOML file is $WORKBENCH_CONFIG, or config.toml in the user config directory
(``workbench`` under platformdirs' user_config_dir). Keys are the field names below.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

# where the files are, and the default reviewer: without pydantic, for the quick start
from workbench.paths import APP_NAME as APP_NAME
from workbench.paths import config_file as config_file
from workbench.paths import data_dir as data_dir
from workbench.paths import default_database
from workbench.paths import login_name as login_name
from workbench.ratings import RatingScale, all_scales

MB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WORKBENCH_", extra="ignore")

    db: Path | None = Field(default=None, description="database file (default: user data dir)")
    reviewer: str = Field(default_factory=login_name, description="name recorded on every change")
    organisation: str = Field(default="", description="publisher named in ClaimReview reports")
    report_url: str = Field(default="", description="where reports are published (ClaimReview)")
    allow_private: bool = Field(
        default=False, description="allow fetching private, loopback and link-local addresses"
    )
    fetch_timeout: float = Field(default=30.0, gt=0, description="seconds for a whole fetch")
    connect_timeout: float = Field(default=10.0, gt=0, description="seconds to connect")
    fetch_max_bytes: int = Field(default=10 * MB, gt=0, description="size cap of a fetched body")
    max_redirects: int = Field(default=10, ge=0, description="redirects followed at most")
    fetch_concurrency: int = Field(default=10, ge=1, description="fetches at once in a batch")
    max_article_bytes: int = Field(default=10 * MB, gt=0, description="largest article imported")
    rating_scale: str = Field(default="default", description="the scale claims are rated on")
    rating_scales: list[RatingScale] = Field(
        default_factory=list, description="the organisation's own rating scales"
    )
    require_approval: bool = Field(
        default=False, description="ClaimReview holds only claims approved by a second reviewer"
    )
    archive_url: str = Field(
        default="",
        description="link to the kept copy of a source, with {sha256} and {url}"
        " (default: the snapshot exported beside the report)",
    )
    methods_note: str = Field(default="", description="how the desk checks claims (public reports)")
    require_evidence: bool = Field(
        default=False, description="refuse a verdict in triage on a claim with no evidence"
    )
    keymap: dict[str, str] = Field(
        default_factory=dict, description="TUI keys by binding id, e.g. {'review.verified': 'V'}"
    )

    @field_validator("reviewer")
    @classmethod
    def _reviewer_not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the reviewer name is empty")
        return value

    @model_validator(mode="after")
    def _known_scale(self) -> Settings:
        scales = all_scales(self.rating_scales)
        if self.rating_scale not in scales:
            raise ValueError(
                f"no rating scale {self.rating_scale!r}; choose one of: {', '.join(scales)}"
            )
        if self.archive_url and not ("{sha256}" in self.archive_url or "{url}" in self.archive_url):
            raise ValueError("archive_url needs {url} or {sha256} where the copy goes")
        return self

    def scales(self) -> dict[str, RatingScale]:
        return all_scales(self.rating_scales)

    def scale(self) -> RatingScale:
        """The scale reviewers rate on now."""
        return self.scales()[self.rating_scale]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)

    def database_path(self) -> Path:
        return self.db if self.db is not None else default_database()

    def demo_database_path(self) -> Path:
        return data_dir() / "demo.db"
