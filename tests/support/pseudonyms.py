"""The pseudonyms of single numbers, computed one value at a time without the product's bulk code."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def aes_mmo_one(key: bytes, number: str) -> str:
    """One block: AES-256 under the derived key, XOR the number, first 12 bytes, base64url."""
    aes_key = hashlib.blake2b(b"rakor pseudonym aes-mmo v2", key=key, digest_size=32).digest()
    encryptor = Cipher(algorithms.AES(aes_key), modes.ECB()).encryptor()
    block = number.encode("ascii")
    sealed = encryptor.update(block) + encryptor.finalize()
    return base64.urlsafe_b64encode(bytes(a ^ b for a, b in zip(sealed, block, strict=True))[:12]).decode()


def blake2b_one(key: bytes, number: str) -> str:
    return base64.urlsafe_b64encode(hashlib.blake2b(number.encode(), key=key, digest_size=12).digest()).decode()
