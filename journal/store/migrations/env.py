"""Alembic environment: migrations run on the engine Interplay hands over, in batch mode."""

from alembic import context

from journal.store.schema import METADATA

config = context.config
target_metadata = METADATA


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
