"""Village potential profiles, framework-free: the schema, value validation, demo data and the Excel round trip.

The schema (``petakan/frameworks/profile-v1.yaml``) is the single source of truth; see :mod:`.schema`.
"""

from .demo import DemoInputs, generate_demo_profiles, kecamatan_population, load_demo_inputs, village_hints
from .messages import MESSAGES, Problem, ProfileInputError, Text, format_number
from .schema import (
    Choice,
    ElementHint,
    Field,
    Rule,
    Schema,
    SchemaError,
    SchemaProblem,
    Section,
    Unit,
    default_schema_path,
    load_schema,
    parse_schema,
)
from .values import (
    CoercionError,
    Value,
    check_rules,
    clean_values,
    coerce,
    completeness,
    completeness_frame,
    derive,
    frame_to_records,
    parse_number,
    records_to_frame,
    validate_values,
)
from .xlsx import Change, ImportResult, diff, read_workbook, template_rows, write_template
from .zones import assign_zone, coast_contact_km, coastline_km

__all__ = [
    "MESSAGES",
    "Change",
    "Choice",
    "CoercionError",
    "DemoInputs",
    "ElementHint",
    "Field",
    "ImportResult",
    "Problem",
    "ProfileInputError",
    "Rule",
    "Schema",
    "SchemaError",
    "SchemaProblem",
    "Section",
    "Text",
    "Unit",
    "Value",
    "assign_zone",
    "check_rules",
    "clean_values",
    "coast_contact_km",
    "coastline_km",
    "coerce",
    "completeness",
    "completeness_frame",
    "default_schema_path",
    "derive",
    "diff",
    "format_number",
    "frame_to_records",
    "generate_demo_profiles",
    "kecamatan_population",
    "load_demo_inputs",
    "load_schema",
    "parse_number",
    "parse_schema",
    "read_workbook",
    "records_to_frame",
    "template_rows",
    "validate_values",
    "village_hints",
    "write_template",
]
