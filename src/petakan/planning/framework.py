"""The Smart City framework's 6 dimensions and 18 elements, as published (smart-city-framework.md, section 2).

Kept here because programme forms need the element list before any index run exists; once a run exists, the
names shown come from the run's ``tree`` (see measurements.py). English labels are display-only and unverified.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

INDEX_CODE = "sci"

# code, Indonesian name, English name
DIMENSIONS: list[tuple[str, str, str]] = [
    ("gov", "Smart Governance", "Smart Governance"),
    ("brand", "Smart Branding", "Smart Branding"),
    ("econ", "Smart Economy", "Smart Economy"),
    ("living", "Smart Living", "Smart Living"),
    ("society", "Smart Society", "Smart Society"),
    ("env", "Smart Environment", "Smart Environment"),
]

# code, dimension, Indonesian name as published, English short label
ELEMENTS: list[tuple[str, str, str, str]] = [
    ("gov_service", "gov", "pelayanan publik", "Service"),
    ("gov_bureaucracy", "gov", "manajemen birokrasi yang efisien", "Bureaucracy"),
    ("gov_policy", "gov", "efisiensi kebijakan publik", "Policy"),
    ("brand_tourism", "brand", "ekosistem pariwisata", "Tourism branding"),
    ("brand_business", "brand", "ekosistem bisnis daerah", "Business branding"),
    ("brand_appearance", "brand", "wajah kota", "City appearance"),
    ("econ_industry", "econ", "ekosistem industri yang berdaya saing", "Industry"),
    ("econ_welfare", "econ", "kesejahteraan rakyat", "Welfare"),
    ("econ_transaction", "econ", "ekosistem transaksi keuangan", "Transaction"),
    ("living_harmony", "living", "harmonisasi tata ruang", "Harmony"),
    ("living_mobility", "living", "sarana transportasi", "Mobility"),
    ("living_health", "living", "prasarana kesehatan", "Health"),
    ("society_community", "society", "interaksi masyarakat yang efisien", "Community"),
    ("society_learning", "society", "ekosistem belajar yang efisien", "Learning ecosystem"),
    ("society_security", "society", "sistem keamanan masyarakat", "Security"),
    ("env_protection", "env", "proteksi lingkungan", "Protection"),
    ("env_waste", "env", "tata kelola sampah dan limbah", "Waste"),
    ("env_energy", "env", "tata kelola energi", "Energy"),
]

DIMENSION_CODES = [d[0] for d in DIMENSIONS]
ELEMENT_CODES = [e[0] for e in ELEMENTS]
ELEMENT_DIMENSION = {e[0]: e[1] for e in ELEMENTS}
DIMENSION_CHOICES = [(code, name) for code, name, _en in DIMENSIONS]
ELEMENT_CHOICES = [(code, f"{name[:1].upper()}{name[1:]}") for code, _d, name, _en in ELEMENTS]
ELEMENT_NAMES: dict[str, tuple[str, str]] = {code: (name, en) for code, _d, name, en in ELEMENTS}
DIMENSION_NAMES: dict[str, tuple[str, str]] = {code: (name, en) for code, name, en in DIMENSIONS}

HORIZON_CHOICES = [
    ("quick_win", _("Quick win (≤ 1 tahun)")),
    ("short", _("Jangka pendek (1 tahun)")),
    ("medium", _("Jangka menengah (5 tahun)")),
    ("long", _("Jangka panjang (10 tahun)")),
]
