//! Data of the inspection, not messages: official names, vocabularies and written forms that the
//! rules match in Chinese text whatever the language of the messages.

pub(super) mod forms;
pub(super) mod guide_terms;
pub(super) mod indicators;
