//! Special topics (专题): for each topic and each of its sub-columns, the pages of any site
//! that carry the topic's tag and pass the sub-column's site and column filters.

use super::{Asset, newest_first};
use crate::load::{Cluster, TOPICS_SEGMENT, Topic};
use crate::parse::Page;

/// The pages each topic gathers.
#[derive(Debug, Clone, Default)]
pub struct TopicIndex {
    /// `[topic][sub-column]` → page indices, newest first.
    pub lists: Vec<Vec<Vec<usize>>>,
}

/// URL of the topics index (`/zt/`).
pub fn topics_url() -> String {
    format!("/{TOPICS_SEGMENT}/")
}

/// URL of a topic's landing page, or of one of its sub-columns.
pub fn topic_url(topic: &Topic, sub: Option<usize>) -> String {
    match sub {
        Some(c) => format!("/{TOPICS_SEGMENT}/{}/{}/", topic.id, topic.columns[c].id),
        None => format!("/{TOPICS_SEGMENT}/{}/", topic.id),
    }
}

impl TopicIndex {
    /// Gathers the tagged pages of every topic.
    pub fn build(cluster: &Cluster, pages: &[Page]) -> TopicIndex {
        let lists = cluster
            .topics
            .iter()
            .map(|t| {
                t.columns
                    .iter()
                    .map(|c| {
                        let mut list: Vec<usize> = (0..pages.len())
                            .filter(|&i| {
                                let p = &pages[i];
                                let site = &cluster.sites[p.site];
                                let path = &site.columns.list[p.column].path;
                                p.meta.topics.contains(&t.tag)
                                    && (c.sites.is_empty() || c.sites.contains(&site.id))
                                    && (c.from.is_empty()
                                        || c.from.iter().any(|f| {
                                            path == f
                                                || path.strip_prefix(f.as_str()).is_some_and(|r| r.starts_with('/'))
                                        }))
                            })
                            .collect();
                        list.sort_by(|&a, &b| newest_first(&pages[a], &pages[b]));
                        list
                    })
                    .collect()
            })
            .collect();
        TopicIndex { lists }
    }
}

/// The files of every topic folder (banner images…), published beside its landing page.
pub(super) fn assets(cluster: &Cluster) -> Vec<Asset> {
    cluster
        .topics
        .iter()
        .flat_map(|t| {
            t.files.iter().map(|(rel, name)| Asset {
                src: rel.clone(),
                abs: cluster.root.join(rel),
                url: format!("{}{name}", topic_url(t, None)),
                site: 0,
            })
        })
        .collect()
}
