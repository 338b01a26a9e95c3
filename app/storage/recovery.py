"""The recovery code: the way back to the records when the keyring entry, the laptop or the
passphrase is lost.

At set-up Daybook makes a code of six groups of five characters from a CSPRNG (150 bits), shows
it once and prints it on a recovery sheet. The database key is kept wrapped by a key derived
from that code (scrypt, then AES-GCM from `cryptography`) in a small envelope file beside the
database, `daybook.recovery.json`; every backup carries a copy of it. The code itself is never
logged, and is kept only inside the encrypted database (so Settings can print the sheet again
once the current key has opened the file).

The envelope also holds a slow check value of the key (scrypt), so that a file whose first page
is damaged is told apart from a wrong passphrase without a backup to try.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.storage.errors import StoreError
from app.storage.files import make_private_file, partial_name, publish

FORMAT = "daybook-recovery-1"
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off paper without doubt
GROUPS = 6
GROUP_LENGTH = 5
CODE_LENGTH = GROUPS * GROUP_LENGTH
# scrypt cost: ~0.1 s and 32 MiB for the code's key; the key check is cheaper but still slow
# enough that the file gives a typed passphrase no shortcut past SQLCipher's own KDF.
WRAP_N, CHECK_N, R, P = 2**15, 2**14, 8, 1
SETTING = "recovery_code"  # inside the encrypted database only


class WrongRecoveryCode(StoreError):
    way_out = "Check the code on your recovery sheet (letters and digits in groups of five)."


class NoEnvelope(StoreError):
    way_out = (
        "The file daybook.recovery.json must be beside the database or backup. Copy it from "
        "the old computer's data folder or backups folder."
    )


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def normalise_code(typed: str) -> str:
    """The code as typed (any case, spaces or dashes) in its printed form.

    Raises WrongRecoveryCode with a plain reason when it cannot be a code at all."""
    cleaned = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", typed).upper()
        if not ch.isspace() and ch not in "-_."
    )
    wrong = sorted({ch for ch in cleaned if ch not in ALPHABET})
    if wrong:
        hint = (
            " (the code has no letter O or I and no digit 0 or 1)"
            if set(wrong) & set("0O1I")
            else ""
        )
        raise WrongRecoveryCode(f"A recovery code has only letters and digits{hint}.")
    if len(cleaned) != CODE_LENGTH:
        raise WrongRecoveryCode(
            f"A recovery code has {CODE_LENGTH} characters; this one has {len(cleaned)}."
        )
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def envelope_path(db_file: Path) -> Path:
    """`daybook.db` -> `daybook.recovery.json`; a backup's envelope sits beside it likewise."""
    return db_file.with_name(db_file.stem + ".recovery.json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _scrypt(secret: bytes, salt: bytes, n: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=R, p=P).derive(secret)


@dataclass(frozen=True)
class Envelope:
    salt: bytes
    nonce: bytes
    wrapped: bytes
    check_salt: bytes
    check: bytes
    key_source: str
    created: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "kdf": {"name": "scrypt", "n": WRAP_N, "r": R, "p": P, "salt": _b64(self.salt)},
                "cipher": "AES-256-GCM",
                "nonce": _b64(self.nonce),
                "wrapped_key": _b64(self.wrapped),
                "key_check": {
                    "name": "scrypt",
                    "n": CHECK_N,
                    "salt": _b64(self.check_salt),
                    "value": _b64(self.check),
                },
                "key_source": self.key_source,
                "created": self.created,
                "note": "The Daybook database key, wrapped by your recovery code. Useless without "
                "the code; keep it with your backups.",
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Envelope:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError("not a Daybook recovery envelope")
        return cls(
            salt=_unb64(data["kdf"]["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped_key"]),
            check_salt=_unb64(data["key_check"]["salt"]),
            check=_unb64(data["key_check"]["value"]),
            key_source=str(data.get("key_source", "")),
            created=str(data.get("created", "")),
        )


def seal_key(key_secret: str, code: str, key_source: str) -> Envelope:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce, check_salt = os.urandom(16), os.urandom(12), os.urandom(16)
    kek = _scrypt(normalise_code(code).encode("ascii"), salt, WRAP_N)
    wrapped = AESGCM(kek).encrypt(nonce, key_secret.encode("utf-8"), FORMAT.encode("ascii"))
    return Envelope(
        salt=salt,
        nonce=nonce,
        wrapped=wrapped,
        check_salt=check_salt,
        check=_scrypt(key_secret.encode("utf-8"), check_salt, CHECK_N),
        key_source=key_source,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def unseal_key(envelope: Envelope, code: str) -> str:
    """The database key. Raises WrongRecoveryCode for a code that does not open the envelope."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _scrypt(normalise_code(code).encode("ascii"), envelope.salt, WRAP_N)
    try:
        plain = AESGCM(kek).decrypt(envelope.nonce, envelope.wrapped, FORMAT.encode("ascii"))
    except InvalidTag:
        raise WrongRecoveryCode("That recovery code does not open these records.") from None
    return plain.decode("utf-8")


def key_matches(envelope: Envelope, key_secret: str) -> bool:
    candidate = _scrypt(key_secret.encode("utf-8"), envelope.check_salt, CHECK_N)
    return hmac.compare_digest(candidate, envelope.check)


def read_envelope(db_file: Path) -> Envelope | None:
    """The envelope beside `db_file`, or None when there is none (or it is unreadable)."""
    path = envelope_path(db_file)
    try:
        return Envelope.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_envelope(db_file: Path, envelope: Envelope) -> Path:
    """Writes the envelope beside `db_file` by way of a .partial file (fsync, rename)."""
    final = envelope_path(db_file)
    partial = partial_name(final)
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.write(fd, envelope.to_json().encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    make_private_file(partial)
    publish(partial, final)
    return final
