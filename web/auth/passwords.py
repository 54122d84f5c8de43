"""The PasswordHasher port over argon2id (argon2-cffi's recommended parameters)."""
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError

from core.identity.ports import PasswordHasher


class Argon2Hasher(PasswordHasher):
    def __init__(self):
        self._argon2 = Argon2()

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False
