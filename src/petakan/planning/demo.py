"""The demo masterplan: Kendal's real RPJMD 2021–2026 vision, its four elements, its first misi and the yearly themes
2022–2026 (the parts marked verbatim in shared/data/kendal_rpjmd_2016_2021.md), the three Smart City applications
launched on 2 Nov 2018 (shared/data/kendal_smart_city.md) as existing programmes, and everything else illustrative,
flagged ``is_demo`` so that every page shows it with the DATA CONTOH badge.

Idempotent and never destructive: rows are matched by their natural keys (codes, names) and only missing ones are
created, so loading twice leaves one copy and keeps whatever users changed in between (an approval, an edit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from petakan.planning.history import record
from petakan.planning.models import (
    AnnualTheme,
    Indicator,
    Misi,
    Period,
    Programme,
    ProgrammeBudget,
    ProgrammeIndicator,
    ReadinessRating,
    RpjmdProgram,
    RubricLevel,
    Sasaran,
    SmartStatement,
    Strategy,
    SwotEntry,
    Tujuan,
    VisionElement,
)
from petakan.regions.models import Area

SRC_VISI = "https://disdikbud.kendalkab.go.id/visi-dan-misi/"
SRC_THEMES = "https://grobogan.joglosemarnews.com/?p=354149"
SRC_APPS = "https://suarakeadilan.net/2018/11/02/pemkab-kendal-lanching-3-aplikasi-layanan-masyarakat/"
SRC_ANTARA = "https://jateng.antaranews.com/amp/berita/194357/mirna-serius-tangani-program-smart-city-kabupaten-kendal"
SRC_SID = "https://sigijateng.id/2019/wujudkan-smart-city-pemkab-kendal-siapkan-aplikasi-informasi-desa-buatan-lokal/"
SRC_DISKOMINFO = "https://diskominfo.kendalkab.go.id/kendal-terpilih-menjadi-percontohan-atas-implementasi-smart-city/"
SRC_UT = "https://pustaka.ut.ac.id/publikasi/bnbb_244/files/basic-html/page419.html"
SRC_BIMTEK = "https://jatengprov.go.id/beritadaerah/songsong-smart-city-kendal-gelar-bimtek-petakan-potensi-daerah/"
ILLUSTRATIVE = "DATA CONTOH — ilustrasi, bukan dokumen RPJMD resmi"

VISION = "Kendal Handal, Unggul, Makmur dan Berkeadilan"
VISION_ELEMENTS = [
    (
        "Handal",
        "Handal, yaitu suatu kondisi terwujudnya Kabupaten Kendal sebagai pusat industri dan pariwisata Jawa Tengah "
        "yang mandiri, berprestasi, berdaya saing, berketahanan lingkungan.",
    ),
    (
        "Unggul",
        "Unggul, adalah suatu kondisi terwujudnya Sumber Daya Manusia (SDM) berkualitas, religius, berbudaya, sehat "
        "jasmani dan rohani serta berdaya saing dalam menghadapi revolusi industri 4.0.",
    ),
    (
        "Makmur",
        "Makmur, yaitu pemenuhan kebutuhan dasar masyarakat dengan upaya mendorong pertumbuhan, fasilitasi, dan "
        "perlindungan bagi pelaku ekonomi, industri kreatif, Usaha Mikro, Kecil, dan Menengah (UMKM) berbasis "
        "potensi lokal.",
    ),
    (
        "Berkeadilan",
        "Berkeadilan, memiliki arti pemerataan pembangunan berbasis pengembangan wilayah yang ditopang tata kelola "
        "pemerintahan yang bersih, transparan, melayani dan partisipatif.",
    ),
]
MISI_1 = (
    "Mewujudkan Kendal sebagai pusat industri dan pariwisata di Jawa Tengah dengan mengoptimalkan berbagai potensi "
    "dan keunggulan daerah untuk mendorong kemandirian ekonomi daerah, meningkatkan kesejahteraan, mengurangi angka "
    "pengangguran dan kemiskinan, penguatan lndustri Kecil dan Menengah/UMKM, pengembangan pariwisata serta mendorong "
    "berkembangnya ekonomi kreatif (start up)."
)
MISI_1_KEYWORDS = (
    "Industri: “Penyebaran dan pemerataan industri; Optimalisasi potensi sumber daya lokal; Mempertahankan dominasi "
    "kontribusi sektor …” (kutipan terpotong di sumber)"
)
# (year, theme verbatim, focus, focus verbatim?)
THEMES = [
    (2022, "Kendal Recovery", "Pemulihan ekonomi berbasis potensi unggulan lokal dan sumber daya alam.", False),
    (2023, "Kendal Competitive", "Optimalisasi sumber daya manusia (SDM).", False),
    (
        2024,
        "Kendal Smart City",
        "perwujudan tata kelola Pemerintah yang efektif, efisien, bersih, transparan dan akuntabel sesuai dengan "
        "konsep Kendal Smart City",
        True,
    ),
    (
        2025,
        "Kendal Inclusive",
        "Pemerataan pembangunan wilayah dan ekonomi melalui infrastruktur yang lebih baik.",
        False,
    ),
    (2026, "Kendal Sustainable", "Ketahanan lingkungan dan pembangunan berkelanjutan.", False),
]

# Misi 2 onward could not be read in any public source: these are illustrative, inferred from the yearly themes.
ILLUSTRATIVE_MISI = [
    ("2", "Meningkatkan kualitas SDM yang sehat, cerdas, berbudaya dan berdaya saing."),
    (
        "3",
        "Mewujudkan tata kelola pemerintahan yang bersih, transparan, melayani dan partisipatif berbasis Smart City.",
    ),
    ("4", "Memeratakan pembangunan infrastruktur dan pengembangan wilayah."),
    ("5", "Mewujudkan ketahanan lingkungan dan pembangunan berkelanjutan."),
]
# tujuan code, misi code, text; sasaran code, tujuan code, text (all illustrative)
TUJUAN = [
    ("1.1", "1", "Meningkatkan pertumbuhan ekonomi berbasis industri dan pariwisata."),
    ("1.2", "1", "Menurunkan kemiskinan dan pengangguran."),
    ("2.1", "2", "Meningkatkan kualitas kesehatan dan pendidikan masyarakat."),
    ("3.1", "3", "Mewujudkan tata kelola pemerintahan yang efektif dan akuntabel."),
    ("4.1", "4", "Meningkatkan pemerataan infrastruktur wilayah."),
    ("5.1", "5", "Meningkatkan kualitas lingkungan hidup."),
]
SASARAN = [
    ("1.1.1", "1.1", "Meningkatnya investasi dan kinerja industri."),
    ("1.1.2", "1.1", "Meningkatnya kunjungan dan ekonomi pariwisata."),
    ("1.2.1", "1.2", "Menurunnya angka kemiskinan."),
    ("1.2.2", "1.2", "Menurunnya pengangguran terbuka."),
    ("2.1.1", "2.1", "Meningkatnya derajat kesehatan masyarakat."),
    ("2.1.2", "2.1", "Meningkatnya kualitas pendidikan dan literasi digital."),
    ("3.1.1", "3.1", "Meningkatnya kualitas pelayanan publik."),
    ("3.1.2", "3.1", "Meningkatnya penerapan SPBE dan data terpadu."),
    ("3.1.3", "3.1", "Meningkatnya ketenteraman, ketertiban dan perlindungan masyarakat."),
    ("4.1.1", "4.1", "Meningkatnya pemerataan infrastruktur dasar dan jaringan telekomunikasi."),
    ("5.1.1", "5.1", "Meningkatnya pengelolaan sampah dan kualitas lingkungan."),
]
STRATEGIES = [
    ("1.1.2.a", "1.1.2", "Promosi destinasi wisata unggulan secara digital.", "Pengembangan pemasaran pariwisata."),
    ("3.1.1.a", "3.1.1", "Digitalisasi layanan publik dan pengaduan.", "Pelayanan publik yang cepat dan terbuka."),
    ("3.1.2.a", "3.1.2", "Integrasi data dan aplikasi perangkat daerah.", "Satu data dan arsitektur SPBE daerah."),
]
# code, sasaran, strategy, name, OPD, budget per year (rupiah)
PROGRAMS = [
    (
        "P.1.1.2",
        "1.1.2",
        "1.1.2.a",
        "Program Pemasaran Pariwisata",
        "Dinas Kepemudaan, Olahraga dan Pariwisata",
        {2022: 750_000_000, 2023: 800_000_000, 2024: 850_000_000},
    ),
    (
        "P.2.1.1",
        "2.1.1",
        "",
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Masyarakat",
        "Dinas Kesehatan",
        {2022: 2_500_000_000, 2023: 2_600_000_000, 2024: 2_700_000_000},
    ),
    (
        "P.3.1.1",
        "3.1.1",
        "3.1.1.a",
        "Program Informasi dan Komunikasi Publik",
        "Dinas Komunikasi dan Informatika",
        {2022: 400_000_000, 2023: 450_000_000},
    ),
    (
        "P.3.1.2",
        "3.1.2",
        "3.1.2.a",
        "Program Pengelolaan Aplikasi Informatika",
        "Dinas Komunikasi dan Informatika",
        {2022: 1_200_000_000, 2023: 1_300_000_000, 2024: 1_500_000_000},
    ),
    (
        "P.5.1.1",
        "5.1.1",
        "",
        "Program Pengelolaan Persampahan",
        "Dinas Lingkungan Hidup",
        {2023: 900_000_000, 2024: 950_000_000},
    ),
]
# indicators: level, owner code, name, unit, baseline, baseline year, targets, end target, data source, note
INDICATORS = [
    (
        "tujuan",
        "1.1",
        "Pertumbuhan ekonomi",
        "%",
        "-1,53",
        2020,
        {2022: "3,5", 2023: "4,5", 2024: "5,0", 2025: "5,2", 2026: "5,5"},
        "5,5",
        "BPS Kabupaten Kendal",
        "Kondisi awal 2020 dikutip Bupati pada Musrenbang RPJMD 31 Mei 2021 (" + SRC_THEMES + "); target: DATA CONTOH.",
    ),
    (
        "sasaran",
        "1.2.1",
        "Tingkat kemiskinan",
        "%",
        "9,99",
        2020,
        {2022: "9,6", 2023: "9,2", 2024: "8,8", 2025: "8,4", 2026: "8,0"},
        "8,0",
        "BPS Kabupaten Kendal",
        "Kondisi awal 2020 dari sumber yang sama; angka tercetak rusak di sumber (“9,99 ?n”), dibaca 9,99 %. "
        "Target: DATA CONTOH.",
    ),
    (
        "sasaran",
        "1.2.2",
        "Tingkat pengangguran terbuka",
        "%",
        "7,56",
        2020,
        {2022: "7,0", 2023: "6,5", 2024: "6,0", 2025: "5,6", 2026: "5,2"},
        "5,2",
        "BPS (Sakernas)",
        "Kondisi awal 2020 dari Musrenbang RPJMD 2021; target: DATA CONTOH.",
    ),
    (
        "sasaran",
        "3.1.2",
        "Indeks SPBE",
        "indeks 1–5",
        "",
        None,
        {2022: "2,6", 2023: "2,9", 2024: "3,2", 2025: "3,5", 2026: "3,7"},
        "3,7",
        "Evaluasi SPBE KemenPANRB",
        "",
    ),
    (
        "program",
        "P.3.1.2",
        "Persentase layanan perangkat daerah yang terintegrasi",
        "%",
        "",
        None,
        {2022: "30", 2023: "45", 2024: "60", 2025: "75", 2026: "90"},
        "90",
        "Diskominfo",
        "",
    ),
]

MOUNTAIN_DISTRICTS = ["33.24.01", "33.24.02", "33.24.03", "33.24.04", "33.24.05", "33.24.06"]
COASTAL_DISTRICTS = ["33.24.14", "33.24.15"]  # Patebon, Kendal (the Patebon river rubbish problem, UT 2021 p. 418)
# Kendal, Kaliwungu, Weleri, Boja, Sukorejo: the towns. The demo targets areas rather than the whole regency so that
# the "low village that no programme reaches" rule has something to show; every coverage below is an assumption.
TOWN_DISTRICTS = ["33.24.15", "33.24.08", "33.24.12", "33.24.07", "33.24.03"]
PANTURA_DISTRICTS = ["33.24.15", "33.24.08", "33.24.12", "33.24.13", "33.24.14", "33.24.09"]
ALL_DISTRICTS = sorted(set(MOUNTAIN_DISTRICTS + COASTAL_DISTRICTS + TOWN_DISTRICTS + PANTURA_DISTRICTS))


@dataclass
class DemoProgramme:
    name: str
    dimension: str
    elements: list[str]
    horizon: str
    years: tuple[int, int]
    opd: str
    description: str
    is_existing: bool = False
    is_demo: bool = True
    source: str = ""
    status: str = "planned"
    whole_regency: bool = False
    districts: list[str] = field(default_factory=list)
    sasaran: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    feasibility: int | None = None
    budget: list[tuple[int, str, int]] = field(default_factory=list)
    measures: list[tuple[str, str, str, str, str, int]] = field(default_factory=list)
    approved: bool = False


APPLICATION_NOTE = (
    "Aplikasi nyata yang diluncurkan Wakil Bupati Masrur Masykur pada 2 November 2018. Dimensi dan elemen adalah "
    "klasifikasi Petakan (bukan resmi); cakupan kecamatan, tahun akhir, status dan tautan RPJMD adalah anggapan contoh."
)
PROGRAMMES = [
    DemoProgramme(
        "Poskamling Pintar (Pospin)",
        "society",
        ["society_security"],
        "long",
        (2018, 2026),
        "Dinas Komunikasi dan Informatika",
        "Keamanan lingkungan / ronda warga berbasis aplikasi. " + APPLICATION_NOTE,
        is_existing=True,
        is_demo=False,
        source=SRC_APPS,
        status="ongoing",
        districts=TOWN_DISTRICTS,
    ),
    DemoProgramme(
        "Pelayanan Kesehatan PSC 119 Siaga",
        "living",
        ["living_health"],
        "long",
        (2018, 2026),
        "Dinas Kesehatan",
        "Layanan gawat darurat kesehatan (Public Safety Center 119). " + APPLICATION_NOTE,
        is_existing=True,
        is_demo=False,
        source=SRC_APPS,
        status="ongoing",
        districts=PANTURA_DISTRICTS,
        sasaran=["2.1.1"],
        programs=["P.2.1.1"],
    ),
    DemoProgramme(
        "Pengaduan Masyarakat (UP4) Diskominfo Kendal",
        "gov",
        ["gov_service"],
        "long",
        (2018, 2026),
        "Dinas Komunikasi dan Informatika",
        "Kanal pengaduan masyarakat. " + APPLICATION_NOTE,
        is_existing=True,
        is_demo=False,
        source=SRC_APPS,
        status="ongoing",
        districts=TOWN_DISTRICTS,
        sasaran=["3.1.1"],
    ),
    DemoProgramme(
        "Pemetaan Potensi Desa dan Satu Data Kendal",
        "gov",
        ["gov_policy", "gov_bureaucracy"],
        "quick_win",
        (2024, 2024),
        "Dinas Komunikasi dan Informatika",
        "Profil potensi desa yang diisi desa sendiri dan dipakai bersama seluruh OPD (melanjutkan prototipe SID "
        "lokal 2019); tahap 1 di kecamatan pegunungan.",
        districts=MOUNTAIN_DISTRICTS,
        sasaran=["3.1.2"],
        programs=["P.3.1.2"],
        feasibility=5,
        budget=[(2024, "apbd", 350_000_000)],
        measures=[("output", "Desa dengan profil terbit", "desa", "0", "286", 2024)],
        approved=True,
    ),
    DemoProgramme(
        "Promosi Wisata Digital Kendal",
        "brand",
        ["brand_tourism"],
        "quick_win",
        (2024, 2024),
        "Dinas Kepemudaan, Olahraga dan Pariwisata",
        "Kalender acara dan peta destinasi wisata daring.",
        districts=["33.24.04", "33.24.06", "33.24.07", "33.24.15"],
        sasaran=["1.1.2"],
        programs=["P.1.1.2"],
        feasibility=4,
        budget=[(2024, "apbd", 200_000_000), (2024, "csr", 100_000_000)],
        measures=[("outcome", "Kenaikan kunjungan wisatawan", "%", "", "10", 2025)],
        approved=True,
    ),
    DemoProgramme(
        "Integrasi Basis Data Kesehatan",
        "living",
        ["living_health"],
        "medium",
        (2022, 2026),
        "Dinas Kesehatan",
        "Menyatukan data puskesmas, rumah sakit dan PSC 119 (MoU 2021 dengan pihak swasta, dikembangkan sebagai "
        "contoh).",
        districts=PANTURA_DISTRICTS,
        sasaran=["2.1.1"],
        feasibility=3,
        budget=[(2023, "apbd", 500_000_000), (2024, "apbd", 600_000_000), (2025, "apbd", 600_000_000)],
        approved=True,
    ),
    DemoProgramme(
        "Penuntasan Blank Spot Sinyal di Kecamatan Pegunungan",
        "society",
        ["society_community"],
        "medium",
        (2023, 2026),
        "Dinas Komunikasi dan Informatika",
        "Kerja sama operator untuk desa tanpa sinyal di wilayah selatan.",
        districts=MOUNTAIN_DISTRICTS,
        sasaran=["4.1.1"],
        feasibility=2,
        budget=[(2023, "csr", 750_000_000), (2024, "csr", 750_000_000), (2025, "apbd", 400_000_000)],
    ),
    DemoProgramme(
        "Command Center Kendal",
        "gov",
        ["gov_bureaucracy"],
        "medium",
        (2022, 2025),
        "Dinas Komunikasi dan Informatika",
        "Ruang kendali terpadu (MoU 2021 dengan Kabupaten Batang, dikembangkan sebagai contoh).",
        districts=["33.24.15"],
        sasaran=["3.1.2"],
        programs=["P.3.1.2"],
        feasibility=3,
        budget=[(2022, "apbd", 1_000_000_000), (2023, "apbd", 1_500_000_000)],
    ),
    DemoProgramme(
        "Bank Sampah Digital Desa Pesisir",
        "env",
        ["env_waste"],
        "short",
        (2025, 2025),
        "Dinas Lingkungan Hidup",
        "Pencatatan setoran bank sampah dengan aplikasi di Kecamatan Patebon dan Kendal.",
        districts=COASTAL_DISTRICTS,
        sasaran=["5.1.1"],
        programs=["P.5.1.1"],
        feasibility=4,
        budget=[(2025, "apbd", 250_000_000), (2025, "apbdes", 120_000_000)],
    ),
    DemoProgramme(
        "Pasar UMKM Daring dan Pembayaran Nontunai",
        "econ",
        ["econ_transaction"],
        "quick_win",
        (2025, 2025),
        "Dinas Koperasi dan UKM",
        "Etalase daring UMKM desa dengan QRIS.",
        districts=TOWN_DISTRICTS,
        sasaran=["1.2.1"],
        feasibility=4,
        budget=[(2025, "apbd", 150_000_000)],
    ),
]

SMART_STATEMENTS = [
    # kind, dimension, text, misi codes, is_demo
    (
        "vision",
        "",
        "Kendal Smart City: pemerintahan yang melayani dan desa yang terhubung, untuk Kendal yang handal, "
        "unggul, makmur dan berkeadilan.",
        ["1", "3"],
        True,
    ),
    (
        "strategy",
        "gov",
        "“efisiensi birokrasi dengan teknologi informasi komunikasi; membangun infrastruktur sebagai "
        "sarana dan faktor pendukung, dan melibatkan masyarakat” — strategi makro Smart City Kendal 2018 (Kepala "
        "Baperlitbang Winarno; " + SRC_ANTARA + ")",
        ["3"],
        False,
    ),
    ("mission", "gov", "Layanan publik dan data desa yang terpadu, cepat dan terbuka.", ["3"], True),
    ("mission", "brand", "Memasarkan wisata dan produk unggulan Kendal secara digital.", ["1"], True),
    ("mission", "econ", "UMKM desa yang terhubung dengan pasar dan pembayaran nontunai.", ["1"], True),
    ("mission", "living", "Layanan kesehatan yang terhubung dari desa sampai rumah sakit.", ["2"], True),
    ("mission", "society", "Warga yang terhubung, aman dan melek digital.", ["2", "4"], True),
    ("mission", "env", "Pengelolaan sampah dan lingkungan pesisir berbasis data.", ["5"], True),
]

SWOT = [
    # element, quadrant, text, evidence, is_demo
    (
        "struktur",
        "S",
        "Seluruh 266 kepala desa mengikuti Bimtek Smart City tahap I dan memetakan potensi desanya (9 Juli 2018).",
        SRC_BIMTEK,
        False,
    ),
    ("struktur", "W", "Dari 266 desa, 60 memiliki situs web desa dan hanya 8 yang aktif (Maret 2019).", SRC_SID, False),
    ("struktur", "W", "Operator desa berganti-ganti sehingga keterampilan TIK tidak bertahan.", "", True),
    (
        "infrastruktur",
        "W",
        "Masih ada zona tanpa sinyal (blank spot); perbaikannya menjadi pokok MoU 2021.",
        SRC_DISKOMINFO,
        False,
    ),
    ("infrastruktur", "O", "Command Center bersama Kabupaten Batang (MoU 2021).", SRC_DISKOMINFO, False),
    ("infrastruktur", "S", "Kawasan industri di dataran pantura dengan jaringan serat optik.", "", True),
    (
        "suprastruktur",
        "S",
        "Kesepakatan bersama seluruh kepala OPD saat peluncuran tiga aplikasi (2 November 2018).",
        SRC_APPS,
        False,
    ),
    ("suprastruktur", "W", "Kematangan smart city yang ada dinilai “tahap ad-hoc” (kajian UT 2021).", SRC_UT, False),
    ("suprastruktur", "O", "RPJMD 2021–2026 menetapkan 2024 sebagai tahun “Kendal Smart City”.", SRC_THEMES, False),
    (
        "suprastruktur",
        "T",
        "Data desa yang dimasukkan ke Sidesa (provinsi) dan Sideka (pusat) tidak sampai ke Pemkab (2019).",
        SRC_SID,
        False,
    ),
]
RUBRIC = [
    (1, "Belum ada", "Belum ada kebijakan, sumber daya atau sarana untuk elemen ini."),
    (2, "Rintisan", "Ada inisiatif terpisah, belum didukung kebijakan atau anggaran tetap."),
    (3, "Berkembang", "Ada kebijakan dan anggaran; pelaksanaan belum merata di semua OPD/desa."),
    (4, "Terpadu", "Pelaksanaan merata, terpadu antar-OPD dan dipantau dengan indikator."),
    (5, "Optimal", "Terpadu, terukur dan terus diperbaiki berdasarkan evaluasi dan umpan balik warga."),
]
RATINGS = [
    ("struktur", 2, "Keterlibatan desa tinggi saat Bimtek, tetapi kapasitas operator desa belum bertahan."),
    ("infrastruktur", 3, "Jaringan di pantura baik; wilayah pegunungan masih ada blank spot."),
    ("suprastruktur", 2, "Komitmen OPD dan Dewan Smart City ada; tata laksana masih ad-hoc."),
]


@transaction.atomic
def load_demo(user: Any = None) -> Period:
    """Create what is missing of the demo masterplan, leaving existing rows as users left them; returns its period."""
    period, _created = Period.objects.get_or_create(
        start_year=2021,
        end_year=2026,
        name="RPJMD Kabupaten Kendal 2021–2026",
        defaults={
            "vision": VISION,
            "legal_basis": "Perda Kabupaten Kendal No. 7 Tahun 2021 tentang RPJMD 2021–2026",
            "source": SRC_VISI,
            "is_demo": True,
        },
    )
    if not Period.objects.filter(is_current=True).exclude(pk=period.pk).exists():
        period.is_current = True
        period.save(update_fields=["is_current"])
    for order, (name, text) in enumerate(VISION_ELEMENTS, start=1):
        VisionElement.objects.get_or_create(
            period=period, name=name, defaults={"order": order, "text": text, "source": SRC_VISI, "is_demo": False}
        )
    for year, theme, focus, verbatim in THEMES:
        AnnualTheme.objects.get_or_create(
            period=period,
            year=year,
            defaults={"theme": theme, "focus": focus, "focus_is_verbatim": verbatim, "source": SRC_THEMES},
        )
    misi = {
        "1": Misi.objects.get_or_create(
            period=period,
            code="1",
            defaults={"text": MISI_1, "keywords": MISI_1_KEYWORDS, "source": SRC_VISI, "is_demo": False},
        )[0]
    }
    for code, text in ILLUSTRATIVE_MISI:
        misi[code] = Misi.objects.get_or_create(
            period=period, code=code, defaults={"text": text, "source": ILLUSTRATIVE, "is_demo": True}
        )[0]
    tujuan = {
        code: Tujuan.objects.get_or_create(
            misi=misi[m], code=code, defaults={"text": text, "source": ILLUSTRATIVE, "is_demo": True}
        )[0]
        for code, m, text in TUJUAN
    }
    sasaran = {
        code: Sasaran.objects.get_or_create(
            tujuan=tujuan[t], code=code, defaults={"text": text, "source": ILLUSTRATIVE, "is_demo": True}
        )[0]
        for code, t, text in SASARAN
    }
    strategies = {
        code: Strategy.objects.get_or_create(
            sasaran=sasaran[s],
            code=code,
            defaults={"text": text, "policy_direction": direction, "source": ILLUSTRATIVE, "is_demo": True},
        )[0]
        for code, s, text, direction in STRATEGIES
    }
    programs = {
        code: RpjmdProgram.objects.get_or_create(
            sasaran=sasaran[s],
            code=code,
            defaults={
                "strategy": strategies.get(st),
                "name": name,
                "opd": opd,
                "budget": {str(y): v for y, v in budget.items()},
                "source": ILLUSTRATIVE,
                "is_demo": True,
            },
        )[0]
        for code, s, st, name, opd, budget in PROGRAMS
    }
    owners = {"tujuan": tujuan, "sasaran": sasaran, "program": programs}
    for level, owner, name, unit, baseline, year, targets, end, data_source, note in INDICATORS:
        Indicator.objects.get_or_create(
            **{level: owners[level][owner]},
            name=name,
            defaults={
                "unit": unit,
                "baseline": baseline,
                "baseline_year": year,
                "targets": {str(y): v for y, v in targets.items()},
                "end_target": end,
                "data_source": data_source,
                "note": note,
                "is_demo": True,
            },
        )
    _load_smart_city(period, misi)
    _load_readiness(period)
    _load_programmes(period, sasaran, programs)
    record(user, period, "demo", {}, label=f"{period.name} (DATA CONTOH)")
    return period


def _load_smart_city(period: Period, misi: dict[str, Misi]) -> None:
    for order, (kind, dimension, text, misi_codes, is_demo) in enumerate(SMART_STATEMENTS, start=1):
        statement, created = SmartStatement.objects.get_or_create(
            period=period, kind=kind, dimension=dimension, text=text, defaults={"order": order, "is_demo": is_demo}
        )
        if created:
            statement.misi.set([misi[c] for c in misi_codes])


def _load_readiness(period: Period) -> None:
    for element, quadrant, text, evidence, is_demo in SWOT:
        SwotEntry.objects.get_or_create(
            period=period,
            element=element,
            quadrant=quadrant,
            text=text,
            defaults={"evidence": evidence, "is_demo": is_demo},
        )
    for level, label, description in RUBRIC:
        RubricLevel.objects.get_or_create(
            period=period, level=level, defaults={"label": label, "description": description, "is_demo": True}
        )
    for element, rating, justification in RATINGS:
        ReadinessRating.objects.get_or_create(
            period=period,
            element=element,
            defaults={"rating": rating, "justification": justification, "is_demo": True},
        )


def _load_programmes(period: Period, sasaran: dict[str, Sasaran], programs: dict[str, RpjmdProgram]) -> None:
    districts = {a.code: a for a in Area.objects.filter(code__in=ALL_DISTRICTS)}
    missing = sorted(set(ALL_DISTRICTS) - set(districts))
    if missing:
        raise ValueError(f"kecamatan {', '.join(missing)} not loaded: run `petakan regions load-kendal --commit` first")
    now = timezone.now()
    for d in PROGRAMMES:
        p, created = Programme.objects.get_or_create(
            period=period,
            name=d.name,
            defaults={
                "description": d.description,
                "dimension": d.dimension,
                "elements": d.elements,
                "indicators": [],
                "horizon": d.horizon,
                "start_year": d.years[0],
                "end_year": d.years[1],
                "opd": d.opd,
                "whole_regency": d.whole_regency,
                "status": d.status,
                "feasibility": d.feasibility,
                "is_existing": d.is_existing,
                "is_demo": d.is_demo,
                "source": d.source,
                # only illustrative programmes carry an (illustrative) approval: the council never approved the
                # real 2018 applications in Petakan
                "approved_at": now if d.approved else None,
                "approved_by": None,
            },
        )
        if not created:
            continue  # an existing programme is the users' now: its approval, areas and budget stay
        p.districts.set([districts[c] for c in d.districts])
        p.sasaran.set([sasaran[c] for c in d.sasaran])
        p.rpjmd_programs.set([programs[c] for c in d.programs])
        ProgrammeBudget.objects.bulk_create(
            [ProgrammeBudget(programme=p, year=y, source=s, amount=a) for y, s, a in d.budget]
        )
        ProgrammeIndicator.objects.bulk_create(
            [
                ProgrammeIndicator(programme=p, kind=k, name=n, unit=u, baseline=b, target=t, target_year=y)
                for k, n, u, b, t, y in d.measures
            ]
        )
