"""The packaged schema (profile-v1.yaml) covers what issue 4 asks and what the Smart City index needs."""

from __future__ import annotations

from petakan.lib.profile import Schema

SMART_CITY_ELEMENTS = {
    "governance": ("service", "bureaucracy", "policy"),
    "branding": ("tourism", "business", "appearance"),
    "economy": ("industry", "welfare", "transaction"),
    "living": ("harmony", "mobility", "health"),
    "society": ("community", "learning", "security"),
    "environment": ("protection", "waste", "energy"),
}


def test_it_loads_the_packaged_schema_with_a_version_code(schema: Schema) -> None:
    assert schema.code == "village-profile-v1"
    assert schema.title.id == "Profil Potensi Desa"


def test_it_has_between_80_and_120_entered_fields(schema: Schema) -> None:
    assert 80 <= len(schema.fields) <= 120
    assert all(f.source == "entry" for f in schema.fields)


def test_every_field_has_labels_and_help_in_both_languages(schema: Schema) -> None:
    for f in schema.all_fields:
        for text in (f.label, f.help):
            assert text.id.strip() and text.en.strip(), f.code


def test_every_numeric_field_has_a_unit_and_bounds(schema: Schema) -> None:
    for f in schema.fields:
        if f.is_numeric:
            assert f.unit is not None, f.code
            assert f.min is not None and f.max is not None, f.code


def test_identity_is_read_from_the_region_register_not_entered(schema: Schema) -> None:
    identity = schema.section("identity")
    assert [f.code for f in identity.fields] == [f.code for f in schema.region_fields]
    assert {"village_code", "village_name", "kecamatan_name"} <= {f.code for f in identity.fields}
    assert not set(schema.codes) & {f.code for f in identity.fields}


def test_population_total_is_derived_from_the_sexes(schema: Schema) -> None:
    total = schema.field("pop_total")
    assert total.source == "derived"
    assert total.sum_of == ("pop_male", "pop_female")


def test_the_zone_is_a_choice_of_pesisir_dataran_pegunungan(schema: Schema) -> None:
    assert schema.field("geo_zone").choice_values == ("pesisir", "dataran", "pegunungan")


def test_livelihood_shares_cover_six_sectors_and_sum_to_at_most_100(schema: Schema) -> None:
    shares = [f.code for f in schema.section("livelihood").fields]
    assert len(shares) == 6 and all(schema.field(c).type == "percent" for c in shares)
    rule = next(r for r in schema.rules if r.code == "livelihood_shares_at_most_100")
    assert set(rule.left) == set(shares) and rule.limit == 100


def test_commodities_are_15_to_20_fields_each_with_a_unit_and_group(schema: Schema) -> None:
    commodities = schema.commodity_fields
    assert 15 <= len(commodities) <= 20
    assert {"com_padi_ton", "com_jagung_ton", "com_kopi_ton", "com_ikan_laut_ton", "com_bandeng_tambak_ton"} <= {
        f.code for f in commodities
    }
    groups = {f.group for f in commodities}
    assert {"food_crop", "plantation", "livestock", "fishery", "processed"} <= groups
    assert all(f.unit is not None and f.min == 0 for f in commodities)


def test_disaster_risks_are_four_levels_from_none_to_high(schema: Schema) -> None:
    for code in ("risk_flood", "risk_landslide", "risk_abrasion", "risk_drought"):
        assert schema.field(code).choice_values == ("none", "low", "medium", "high")


def test_mobile_signal_is_none_weak_strong_with_a_separate_4g_flag(schema: Schema) -> None:
    assert schema.field("conn_signal").choice_values == ("none", "weak", "strong")
    assert schema.field("conn_4g").type == "boolean"


def test_it_asks_every_topic_of_the_issue(schema: Schema) -> None:
    asked = {
        "tourism": ("tour_sites", "tour_main_site", "tour_main_type", "tour_visitors_year"),
        "msme": ("msme_food", "msme_craft", "msme_trade", "msme_services"),
        "bumdes": ("bumdes_exists", "bumdes_units", "bumdes_revenue_mio"),
        "finance": ("coop_active", "mkt_markets", "fin_banks", "fin_bank_agents"),
        "services": ("edu_sd", "edu_smp", "edu_sma", "health_puskesmas", "health_posyandu_active"),
        "utilities": ("util_clean_water_pct", "util_sanitation_pct", "util_electricity_pct"),
        "ict": ("conn_internet", "gov_office_computers", "gov_office_internet", "gov_info_system"),
        "governance": ("gov_online_services", "gov_regulations_published", "gov_apbdes_published"),
        "environment": ("soc_public_spaces", "waste_bank", "waste_collection", "energy_solar_units"),
        "notes": ("notes_problems", "notes_proposals"),
    }
    for topic, codes in asked.items():
        for code in codes:
            assert schema.has_field(code), f"{topic}: {code}"


def test_each_of_the_18_smart_city_elements_has_at_least_three_raw_fields(schema: Schema) -> None:
    hinted = {h.element: h for h in schema.element_hints}
    expected = {f"{d}.{e}" for d, elements in SMART_CITY_ELEMENTS.items() for e in elements}
    assert set(hinted) == expected
    for element, hint in hinted.items():
        numeric_or_choice = [c for c in hint.fields if schema.field(c).type != "text"]
        assert len(numeric_or_choice) >= 3, element


def test_choice_labels_have_no_commas_so_they_fit_excel_drop_downs(schema: Schema) -> None:
    for f in schema.fields:
        for choice in f.choices:
            assert "," not in choice.label.id and "," not in choice.label.en
