"""The published worked examples of shared/spec/methodology/idm.md section 5, reproduced from item scores."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.idm import score_matrix, score_sums

# Desa Fajar Harapan (Kluet Utara, Aceh Selatan), IDM 2022, as served by the Kemendesa open API
# (idm.kemendesa.go.id/open/api/desa/rumusan/1101022001/2022, copy in github.com/andifahruddinakas/api-idm).
FAJAR_HARAPAN_2022 = [5, 0, 5, 3, 1, 5, 5, 5, 5, 5, 5, 1, 1, 5, 5, 5, 1, 2, 2, 1, 1, 1, 5, 1, 5, 5, 5, 5, 5, 1, 5]
FAJAR_HARAPAN_2022 += [5, 4, 4, 4, 5, 5, 1, 5, 3, 0, 0, 1, 3, 3, 5, 5, 5, 5, 0]

# The village of the reproduced Kemendesa status report (spec 5.2, the public "IdmIndicatorSeeder").
SEEDER_VILLAGE = [5, 0, 5, 2, 4, 5, 5, 5, 5, 3, 5, 5, 1, 5, 5, 5, 1, 2, 2, 1, 5, 5, 5, 5, 5, 5, 3, 2, 3, 5, 5]
SEEDER_VILLAGE += [5, 4, 5, 5, 3, 1, 1, 5, 3, 0, 3, 3, 5, 5, 5, 5, 5, 5, 3]


def test_it_reproduces_the_pakisrejo_2018_example(edition, row_with_sums):
    result = score_matrix(edition, row_with_sums(127, 32, 10)[None, :])

    values = [result.formatted(code)[0] for code in ("iks", "ike", "ikl", "idm")]
    assert values == ["0.7257", "0.5333", "0.6667", "0.6419"]
    assert result.status_names("id")[0] == "Berkembang"
    assert result.status_codes()[0] == "berkembang"


@pytest.mark.parametrize(
    ("village", "iks", "ike", "ikl", "published"),
    [
        ("Peliatan", 174, 60, 15, "0.9981"),
        ("Panjalu", 174, 60, 15, "0.9981"),
        ("Gentengkulon", 174, 60, 15, "0.9981"),
        ("Oro-Oro Ombo", 174, 60, 15, "0.9981"),
        ("Sidomulyo", 174, 60, 15, "0.9981"),
        ("Ubung Kaja", 173, 60, 15, "0.9962"),
        ("Merkawang", 172, 60, 15, "0.9943"),
        ("Mengwitani", 171, 60, 15, "0.9924"),
        ("Lengkong", 173, 59, 15, "0.9906"),
        ("Gentengwetan", 170, 60, 15, "0.9905"),
    ],
)
def test_it_reproduces_the_2022_national_top_10_from_integer_sums(
    edition, row_with_sums, village, iks, ike, ikl, published
):
    from_items = score_matrix(edition, row_with_sums(iks, ike, ikl)[None, :])
    from_sums = score_sums(edition, [iks, ike, ikl])

    assert from_items.formatted("idm")[0] == published, village
    assert from_sums.formatted("idm")[0] == published, village
    assert from_items.status_names("id")[0] == "Mandiri"


def test_it_reproduces_the_status_report_village_of_the_spec(edition):
    result = score_matrix(edition, np.array([SEEDER_VILLAGE]))

    assert result.sums[0].tolist() == [138, 39, 13]
    values = [result.formatted(code)[0] for code in ("iks", "ike", "ikl", "idm")]
    assert values == ["0.7886", "0.6500", "0.8667", "0.7684"]
    assert result.status_names("id")[0] == "Maju"


def test_it_reproduces_an_official_kemendesa_report_to_full_precision(edition):
    result = score_matrix(edition, np.array([FAJAR_HARAPAN_2022]))

    # The report prints IKS 0.70285714285714, IKE 0.6, IKL 0.66666666666667, IDM 0.65650793650794, Berkembang.
    assert result.index_value("iks")[0] == pytest.approx(0.70285714285714, abs=1e-13)
    assert result.index_value("ike")[0] == pytest.approx(0.6, abs=1e-13)
    assert result.index_value("ikl")[0] == pytest.approx(0.66666666666667, abs=1e-13)
    assert result.idm[0] == pytest.approx(0.65650793650794, abs=1e-13)
    assert result.status_names("id")[0] == "Berkembang"
