"""The journal on disk: SQLAlchemy models, engine and sessions, migrations, lock, queries."""
