"""The documents stage: raw bytes -> clean documents.

`build_documents` decodes, parses, cleans and splits one RawDocument;
`link_duplicates` marks near-duplicate documents across a batch. Both are
plain functions with no Dagster import.
"""

from .build import build_documents
from .duplicates import link_duplicates

__all__ = ["build_documents", "link_duplicates"]
