//! Which clause of each document corresponds to which: articles in, clause groups out.
//! Deterministic; group ids derive from their members.

use crate::model::DocId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Equivalent articles of several documents (several consecutive articles of one document allowed).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Stable id derived from the members.
    pub id: String,
    /// Short readable label from the group's distinctive terms (常务会议·组成·任务).
    pub label: String,
    /// Confidence in [0, 1].
    pub score: f32,
    /// Article numbers per document, ascending.
    pub members: BTreeMap<DocId, Vec<u32>>,
}

/// Every article of the aligned documents in exactly one group, groups in reading order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Alignment {
    pub groups: Vec<Group>,
}

impl Alignment {
    /// The group holding `doc`'s article `number`.
    pub fn group_of(&self, doc: &DocId, number: u32) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.members.get(doc).is_some_and(|ns| ns.contains(&number)))
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}
