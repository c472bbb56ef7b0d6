"""A cheaper hash for the random one-time passwords printed on slips.

Django's default PBKDF2 (1,000,000 iterations, about 0.4 s per password on a small server) exists to slow down
guessing of passwords people choose. A one-time password is 12 characters drawn at random from 31 (≈ 59 bits): with
10,000 iterations an offline search of one hash still costs ≈ 2^72 SHA-256 blocks. Without it, creating Kendal's
306 accounts from the admin page took about two minutes (longer than gunicorn's 30 s request timeout). The hash
lives only until first login: a successful check rehashes with the default hasher, and the holder then sets their
own password, hashed the default way.
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_otp"
    iterations = 10_000
