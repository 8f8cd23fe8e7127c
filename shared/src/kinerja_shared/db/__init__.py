"""Database plumbing: engines with sane pools, session factories, the unit of work."""
from .engine import make_engine, make_session_factory, naming_metadata
from .uow import UnitOfWork

__all__ = ["UnitOfWork", "make_engine", "make_session_factory", "naming_metadata"]
