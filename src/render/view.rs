//! The values templates see. Every URL here is cluster-relative (`/jyj/zwdt/`); the rewrite
//! stage turns it into a link that works under the configured base path.

use crate::assemble::{DIRECTORY_URL, SITEMAP_SEGMENT, SiteGraph};
use crate::load::{BRAND_CSS, Contact, DEFAULT_EMBLEM, Media, SiteKind, image_size, static_path};
use crate::parse::Page;
use serde::Serialize;

/// A named link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub name: String,
    /// Cluster-relative URL.
    pub url: String,
}

/// One entry of a list: an article with its date and site.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Title.
    pub title: String,
    /// Cluster-relative URL.
    pub url: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Name of the site it comes from.
    pub site: String,
    /// Name of its column.
    pub column: String,
    /// 文号, when it has one.
    pub doc_number: Option<String>,
}

/// A menu entry with its sub-columns.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Column name.
    pub name: String,
    /// Column URL.
    pub url: String,
    /// True for the column the page belongs to.
    pub current: bool,
    /// Sub-columns.
    pub children: Vec<Link>,
}

/// The site as templates see it (header, footer, meta tags).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// `portal`, `department` or `township`.
    pub kind: SiteKind,
    /// Home URL.
    pub url: String,
    /// 网站标识码.
    pub site_code: String,
    /// 主办单位.
    pub sponsor: String,
    /// 承办单位.
    pub organizer: Option<String>,
    /// 联系方式.
    pub contact: Contact,
    /// ICP备案号.
    pub icp: String,
    /// 公安机关备案号.
    pub psb: String,
    /// 公安备案 record link.
    pub psb_url: String,
    /// 党政机关网站标识 record link.
    pub conac_url: String,
    /// 我为政府网站找错 link.
    pub jiucuo_url: String,
    /// Description.
    pub description: Option<String>,
    /// 网站地图 URL.
    pub sitemap_url: String,
    /// The site's Atom feed, when the cluster has an origin for absolute feed URLs.
    pub feed_url: Option<String>,
    /// The emblem or logo in the header: the site's `logo`, the cluster's `brand.emblem`, or
    /// the built-in emblem.
    pub emblem: String,
    /// The emblem's width at the header's height of 56 pixels, when its size is known.
    pub emblem_width: Option<u32>,
    /// The site's header banner image, when it has one.
    pub banner: Option<String>,
    /// 政务新媒体 accounts shown in the footer: the site's own, else the cluster's.
    pub media: Option<MediaView>,
}

/// 政务新媒体 accounts as templates see them.
#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    /// 微博: account name and page.
    pub weibo: Option<Link>,
    /// 微信: account name and the QR code image's URL.
    pub wechat: Option<Link>,
}

/// The cluster as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterView {
    /// Cluster name.
    pub name: String,
    /// Portal name.
    pub portal_name: String,
    /// Portal home URL.
    pub portal_url: String,
    /// 站群导航 URL.
    pub directory_url: String,
    /// The search page URL, when the cluster has search.
    pub search_url: Option<String>,
    /// True when the build writes the 繁體 view (`zh_hant: true`): headers link to it.
    pub zh_hant: bool,
    /// The stylesheet of `brand.colors`, when colours are set.
    pub brand_css: Option<String>,
    /// 技术支持 (`brand.footer.support`).
    pub support: Option<String>,
    /// 网站说明 lines (`brand.footer.notes`).
    pub notes: Vec<String>,
}

/// Disclosure metadata block (索引号 … 有效性), in the standard order.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    /// 索引号.
    pub index_no: String,
    /// 主题分类.
    pub topic: String,
    /// 发布机构.
    pub publisher: String,
    /// 成文日期.
    pub written: String,
    /// 文号.
    pub doc_number: String,
    /// 发布日期.
    pub date: String,
    /// 体裁分类.
    pub genre: String,
    /// 有效性.
    pub valid: String,
    /// 替代文件: the document that replaced this one (its title and link), when named.
    pub replaced_by: Option<Link>,
}

/// Pagination links of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// Current page, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// First page URL.
    pub first: String,
    /// Last page URL.
    pub last: String,
    /// Previous page URL.
    pub prev: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// Numbered links around the current page.
    pub pages: Vec<PagerLink>,
}

/// One numbered pagination link.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// Page number.
    pub n: usize,
    /// URL.
    pub url: String,
    /// True for the current page.
    pub current: bool,
}

/// A block of latest items on a home page.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// Heading.
    pub name: String,
    /// "More" link.
    pub url: String,
    /// Items.
    pub items: Vec<Item>,
}

/// A `<meta name content>` pair.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// `name`.
    pub name: &'static str,
    /// `content`.
    pub content: String,
}

impl SiteView {
    /// The view of site `s`.
    pub fn of(g: &SiteGraph<'_>, s: usize) -> SiteView {
        let site = &g.cluster.sites[s];
        let brand = &g.cluster.config.brand;
        let emblem = site.logo.as_deref().or(brand.emblem.as_deref()).unwrap_or(DEFAULT_EMBLEM);
        SiteView {
            id: site.id.clone(),
            name: site.name.clone(),
            kind: site.kind,
            url: site.path.clone(),
            site_code: site.site_code.clone(),
            sponsor: site.sponsor.clone(),
            organizer: site.organizer.clone(),
            contact: site.contact.clone(),
            icp: site.icp.clone(),
            psb: site.psb.clone(),
            psb_url: site.psb_url.clone(),
            conac_url: site.conac_url.clone(),
            jiucuo_url: g.cluster.config.jiucuo_url.replace("{site_code}", &site.site_code),
            description: site.description.clone(),
            sitemap_url: format!("{}{SITEMAP_SEGMENT}/", site.path),
            feed_url: g.cluster.config.origin().map(|_| format!("{}{}", site.path, crate::assemble::feeds::ATOM_FILE)),
            emblem: static_url(emblem),
            emblem_width: g
                .cluster
                .theme
                .static_file(&static_path(emblem))
                .and_then(image_size)
                .map(|(w, h)| (EMBLEM_HEIGHT * w / h).round() as u32),
            banner: site.banner.as_deref().map(static_url),
            media: MediaView::of(site.media.as_ref().unwrap_or(&brand.media)),
        }
    }
}

/// The height of the emblem in the header, in CSS pixels.
const EMBLEM_HEIGHT: f32 = 56.0;

/// The URL of a static file of the theme named in the settings (`img/logo.png`).
fn static_url(setting: &str) -> String {
    format!("/static/{}", static_path(setting))
}

impl MediaView {
    /// The accounts of `m`; `None` when it names none.
    fn of(m: &Media) -> Option<MediaView> {
        let view = MediaView {
            weibo: m.weibo.as_ref().map(|w| Link { name: w.name.clone(), url: w.url.clone() }),
            wechat: m.wechat.as_ref().map(|w| Link { name: w.name.clone(), url: static_url(&w.qr) }),
        };
        (view.weibo.is_some() || view.wechat.is_some()).then_some(view)
    }
}

impl ClusterView {
    /// The view of the cluster.
    pub fn of(g: &SiteGraph<'_>) -> ClusterView {
        let portal = g.cluster.portal();
        ClusterView {
            name: g.cluster.config.name.clone(),
            portal_name: portal.name.clone(),
            portal_url: portal.path.clone(),
            directory_url: DIRECTORY_URL.to_string(),
            search_url: g.cluster.search_enabled().then(|| crate::assemble::SEARCH_URL.to_string()),
            zh_hant: g.cluster.config.zh_hant,
            brand_css: g.cluster.theme.static_file(BRAND_CSS).map(|_| format!("/static/{BRAND_CSS}")),
            support: g.cluster.config.brand.footer.support.clone(),
            notes: g.cluster.config.brand.footer.notes.clone(),
        }
    }
}

impl Item {
    /// The list entry of page `i`.
    pub fn of(g: &SiteGraph<'_>, i: usize) -> Item {
        let p: &Page = &g.pages[i];
        let site = &g.cluster.sites[p.site];
        Item {
            title: p.meta.title.clone(),
            url: p.url.clone(),
            date: p.meta.date.iso_day(),
            site: site.name.clone(),
            column: site.columns.list[p.column].name.clone(),
            doc_number: p.meta.doc_number.as_deref().map(str::to_owned),
        }
    }
}

impl Pager {
    /// Pagination for page `current` of `total` of the list at `base`.
    pub fn new(base: &str, current: usize, total: usize) -> Pager {
        let url = |n| crate::assemble::list_page_url(base, n);
        let lo = current.saturating_sub(4).max(1);
        let hi = (lo + 8).min(total);
        let lo = hi.saturating_sub(8).max(1);
        Pager {
            current,
            total,
            first: url(1),
            last: url(total),
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: (lo..=hi).map(|n| PagerLink { n, url: url(n), current: n == current }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_window_stays_in_range() {
        let p = Pager::new("/a/", 1, 3);
        assert_eq!(p.pages.iter().map(|l| l.n).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(p.prev, None);
        assert_eq!(p.next.as_deref(), Some("/a/page/2/"));
        let p = Pager::new("/a/", 50, 50);
        assert_eq!(p.pages.first().unwrap().n, 42);
        assert_eq!(p.pages.last().unwrap().n, 50);
        assert_eq!(p.prev.as_deref(), Some("/a/page/49/"));
    }
}
