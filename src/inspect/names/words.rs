//! Data: the title and office words that mark a name as a person's, and the administrative
//! suffixes that make a changed last character another place rather than a typo.

/// Titles and forms of address that stand next to a leader's name (not 代表: 村民代表 and 人大
/// 代表 are citizens).
pub(super) const TITLES: &[&str] = &[
    "书记",
    "副书记",
    "省长",
    "副省长",
    "市长",
    "副市长",
    "县长",
    "副县长",
    "区长",
    "副区长",
    "州长",
    "旗长",
    "镇长",
    "副镇长",
    "乡长",
    "副乡长",
    "局长",
    "副局长",
    "主任",
    "副主任",
    "部长",
    "副部长",
    "厅长",
    "处长",
    "科长",
    "所长",
    "院长",
    "主席",
    "副主席",
    "委员",
    "常委",
    "秘书长",
    "检察长",
    "总理",
    "副总理",
    "同志",
    "组长",
];

/// Last characters that name an administrative unit: 示例镇 is a place beside 示例县.
pub(super) const ADMIN_SUFFIXES: &[char] = &[
    '省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '村', '街', '道', '局', '委', '办', '厅', '部', '院', '所',
    '站', '队', '社', '会', '苏', '木', '营',
];

/// Words after which a place or organisation name is meant as the organisation itself.
pub(super) const OFFICES: &[&str] = &[
    "人民政府",
    "政府",
    "县委",
    "市委",
    "省委",
    "区委",
    "州委",
    "党委",
    "党工委",
    "人大",
    "政协",
    "委员会",
    "纪委",
    "监委",
    "办公室",
    "人民法院",
    "人民检察院",
    "公安局",
    "财政局",
    "教育局",
    "卫健局",
    "融媒体中心",
];

/// Common bodies of a county (and the central bodies with county offices): a near miss of a
/// listed organisation whose changed character lies in one of these is another body
/// (示例县税务局 beside 示例县水务局), not a typo.
pub(super) const BODIES: &[&str] = &[
    "发展和改革局",
    "发改局",
    "教育局",
    "教育和科技局",
    "科学技术局",
    "科技局",
    "工业和信息化局",
    "工信局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "人社局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "住建局",
    "交通运输局",
    "交通局",
    "水务局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "文旅局",
    "卫生健康局",
    "卫健局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "市场监管局",
    "统计局",
    "医疗保障局",
    "医保局",
    "林业局",
    "林业和草原局",
    "税务局",
    "气象局",
    "地震局",
    "烟草专卖局",
    "邮政局",
    "档案局",
    "档案馆",
    "信访局",
    "民族宗教事务局",
    "粮食和物资储备局",
    "城市管理局",
    "综合行政执法局",
    "投资促进局",
    "乡村振兴局",
    "体育局",
    "人民法院",
    "人民检察院",
    "消防救援大队",
    "供电局",
    "政务服务中心",
    "融媒体中心",
];

/// Column names (or parts of them) that hold a site's leaders: 领导信息, 领导之窗, 单位负责人.
pub(super) const LEADERSHIP_COLUMN_NAMES: &[&str] = &["领导", "负责人"];

/// Column ids that hold a site's leaders, whatever their name.
pub(super) const LEADERSHIP_COLUMN_IDS: &[&str] = &["ldxx", "ldzc", "ldjj", "ldfg", "ldzs", "fzr", "fzrxx"];

/// Labels of a leader's name on a leadership page (姓名：杨晓峰, a table's 姓名 column).
pub(super) const NAME_LABELS: &[&str] = &["姓名"];

/// Labels of a leader's title on a leadership page (职务：常务副县长).
pub(super) const TITLE_LABELS: &[&str] = &["职务", "现任职务", "职务职级", "职位"];

/// The last character of a place at the county level or above (示例县, 齐齐哈尔市, 梅县区).
pub(super) const PLACE_LEVELS: &[char] = &['省', '市', '县', '区', '旗', '州', '盟'];

/// What ends a township's place (青山镇, 城关街道, 民族乡, 苏木).
pub(super) const TOWNSHIP_LEVELS: &[&str] = &["镇", "乡", "街道", "苏木"];

/// Ends of organisation names every level has: as a 发布机构 alone they name no one body.
pub(super) const GENERIC_BODIES: &[&str] = &[
    "人民政府",
    "人民政府办公室",
    "政府办公室",
    "办公室",
    "委员会",
    "常务委员会",
    "人民代表大会常务委员会",
    "人大常委会",
];
