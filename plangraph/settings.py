"""One ``Settings`` object for the CLI, the API and the stores (``PLANGRAPH_`` env vars).

The Neo4j connection keeps the driver's conventional names (``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD``) so that the same environment serves ``cypher-shell``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.factory import StoreConfig
from ingest.limits import DEFAULT_MAX_FILE_MB


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANGRAPH_", extra="ignore")

    backend: Literal["memory", "neo4j"] | None = Field(
        default=None,
        description="memory | neo4j; unset means neo4j when NEO4J_URI is set, else memory",
    )
    data_dir: Path = Field(default=Path(".plangraph"), description="Embedded store folder")
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_URI", "PLANGRAPH_NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "PLANGRAPH_NEO4J_USER")
    )
    neo4j_password: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_PASSWORD", "PLANGRAPH_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "PLANGRAPH_NEO4J_DATABASE"),
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated keys accepted in X-API-Key"
    )
    require_key_for_reads: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins; empty closes CORS"
    )
    max_upload_mb: int = Field(default=50, ge=1)
    max_file_mb: int = Field(
        default=DEFAULT_MAX_FILE_MB,
        ge=1,
        description="Larger files are skipped: extraction runs at ~3 µs a character, so a"
        " 100 MB file would hold an ingest for minutes, and no plan is that long",
    )

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def resolved_backend(self) -> Literal["memory", "neo4j"]:
        if self.backend is not None:
            return self.backend
        return "neo4j" if self.neo4j_uri else "memory"

    def store_config(self) -> StoreConfig:
        """What ``graph.factory.open_store`` needs, and nothing else of the settings."""
        return StoreConfig(
            backend=self.resolved_backend,
            data_dir=self.data_dir,
            neo4j_uri=self.neo4j_uri,
            neo4j_user=self.neo4j_user,
            neo4j_password=self.neo4j_password,
            neo4j_database=self.neo4j_database,
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
