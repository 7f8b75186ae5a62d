//! The numerals a service-guide (办事指南) label may be numbered with; the guide's default
//! vocabulary is a setting (`load::data::guide_terms`).

/// Chinese numerals that may number a label (`一、`, `（十）`).
pub(in crate::inspect) const NUMERALS: &str = "一二三四五六七八九十";
