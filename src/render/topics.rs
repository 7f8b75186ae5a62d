//! Special topics (专题): the list of topics, each topic's landing page (banner, introduction,
//! the newest items of every sub-column) and its sub-columns' paginated lists, gathering pages
//! from every site of the cluster.

use super::{ColumnView, PageContext, Rendered, Renderer};
use crate::assemble::{list_page_url, topic_url, topics_url};
use crate::diagnostic::Diagnostic;
use crate::labels;
use crate::load::ColumnKind;
use crate::parse;
use crate::render::{Block, Item, Link, Pager};
use serde::Serialize;

/// A topic as its landing page and the topics list show it.
#[derive(Serialize)]
struct TopicView {
    name: String,
    url: String,
    banner: Option<String>,
    intro: Option<String>,
    count: usize,
}

impl Renderer<'_> {
    fn topic_view(&self, t: usize, with_intro: bool) -> TopicView {
        let topic = &self.g.cluster.topics[t];
        let url = topic_url(topic, None);
        let intro =
            topic.intro.as_deref().filter(|_| with_intro).map(|md| parse::markdown_render(&topic.file, md, 0).html);
        let mut all: Vec<usize> = self.g.topics.lists[t].iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        TopicView {
            name: topic.name.clone(),
            banner: topic.banner.as_ref().map(|b| format!("{url}{b}")),
            url,
            intro,
            count: all.len(),
        }
    }

    fn topic_context(&self, title: String, crumbs: Vec<Link>) -> Result<PageContext, Diagnostic> {
        let mut common = self.common(0, None, title, Vec::new());
        common.breadcrumbs.extend(crumbs);
        self.context(&common)
    }

    /// The list of every topic (专题专栏).
    pub(super) fn topics(&self) -> Result<Rendered, Diagnostic> {
        let mut ctx = self.topic_context(labels::TOPICS.into(), Vec::new())?;
        let topics: Vec<TopicView> = (0..self.g.cluster.topics.len()).map(|t| self.topic_view(t, false)).collect();
        ctx.insert("topics", &topics);
        Ok(Rendered::plain(topics_url(), self.tera_render("topic.html", ctx)?))
    }

    /// A topic's landing page.
    pub(super) fn topic_home(&self, t: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let topic = &g.cluster.topics[t];
        let crumbs = vec![Link { name: labels::TOPICS.into(), url: topics_url() }];
        let mut ctx = self.topic_context(topic.name.clone(), crumbs)?;
        let n = g.cluster.config.home_items;
        let blocks: Vec<Block> = topic
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| Block {
                name: col.name.clone(),
                url: topic_url(topic, Some(c)),
                items: g.topics.lists[t][c].iter().take(n).map(|&i| Item::of(g, i)).collect(),
            })
            .collect();
        ctx.insert("topic", &self.topic_view(t, true));
        ctx.insert("blocks", &blocks);
        Ok(Rendered::plain(topic_url(topic, None), self.tera_render("topic.html", ctx)?))
    }

    /// Page `page_no` of a topic's sub-column, in the theme's ordinary list template.
    pub(super) fn topic_column(&self, t: usize, sub: usize, page_no: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let topic = &g.cluster.topics[t];
        let base = topic_url(topic, Some(sub));
        let name = &topic.columns[sub].name;
        let title = labels::paged(name, page_no);
        let crumbs = vec![
            Link { name: labels::TOPICS.into(), url: topics_url() },
            Link { name: topic.name.clone(), url: topic_url(topic, None) },
            Link { name: name.clone(), url: base.clone() },
        ];
        let mut ctx = self.topic_context(format!("{title} - {}", topic.name), crumbs)?;
        let per = g.cluster.config.per_page;
        let list = &g.topics.lists[t][sub];
        let items: Vec<Item> = list.iter().skip((page_no - 1) * per).take(per).map(|&i| Item::of(g, i)).collect();
        let view = ColumnView {
            name: name.clone(),
            url: base.clone(),
            kind: ColumnKind::News,
            description: Some(labels::topic_column(&topic.name)),
            children: (0..topic.columns.len())
                .filter(|&c| c != sub)
                .map(|c| Link { name: topic.columns[c].name.clone(), url: topic_url(topic, Some(c)) })
                .collect(),
            catalog_url: None,
            report_url: None,
        };
        ctx.insert("column", &view);
        ctx.insert("items", &items);
        let pages = list.len().div_ceil(per).max(1);
        ctx.insert("pager", &Pager::new(&base, page_no, pages));
        Ok(Rendered::plain(list_page_url(&base, page_no), self.tera_render("list.html", ctx)?))
    }
}
