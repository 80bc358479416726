use super::*;

fn options() -> Options<'static> {
    Options {
        segmenter: &tokens::chars,
        deadline: None,
    }
}

fn diff(old: &str, new: &str) -> Redline {
    compare(old, new, &options())
}

fn kinds(r: &Redline) -> Vec<(HunkKind, &str, &str)> {
    r.hunks
        .iter()
        .map(|h| (h.kind, h.old.as_str(), h.new.as_str()))
        .collect()
}

#[test]
fn a_corrected_character_is_exactly_that_character() {
    let old = "第一段。\n坚持以人民为中心，着力打造初性城市，提升城市品质。\n第三段。";
    let new = "第一段。\n坚持以人民为中心，着力打造韧性城市，提升城市品质。\n第三段。";
    let r = diff(old, new);
    assert_eq!(kinds(&r), vec![(HunkKind::Replace, "初", "韧")]);
    assert_eq!(
        r.hunks[0].new_at,
        Some(At {
            paragraph: 2,
            offset: 13
        })
    );
    assert_eq!(r.summary.changed, 1);
    assert_eq!((r.summary.inserted, r.summary.deleted), (0, 0));
}

#[test]
fn adjacent_changes_read_as_one_replacement() {
    let r = diff("今天召开会议。", "昨天召开会议。");
    assert_eq!(kinds(&r), vec![(HunkKind::Replace, "今", "昨")]);
    let r = diff("依靠人民群众。", "依靠人们群体。");
    assert_eq!(kinds(&r), vec![(HunkKind::Replace, "民群众", "们群体")]);
}

#[test]
fn latin_words_and_numbers_change_whole() {
    let r = diff("增长3.5%，GDP总量", "增长4.2%，GNP总量");
    assert_eq!(
        kinds(&r),
        vec![
            (HunkKind::Replace, "3.5", "4.2"),
            (HunkKind::Replace, "GDP", "GNP")
        ]
    );
}

#[test]
fn punctuation_width_is_its_own_class() {
    let r = diff("他说,\"好\".", "他说，“好”。");
    assert!(r.hunks.iter().all(|h| h.kind == HunkKind::Punctuation));
    assert_eq!(r.summary.punctuation, r.hunks.len());
    assert_eq!(
        r.summary.changed + r.summary.inserted + r.summary.deleted,
        0
    );
}

#[test]
fn a_split_paragraph_is_a_split_not_a_rewrite() {
    let r = diff(
        "第一句很长的话。第二句也很长的话。",
        "第一句很长的话。\n第二句也很长的话。",
    );
    assert_eq!(kinds(&r), vec![(HunkKind::Split, "", "\n")]);
    assert_eq!(r.summary.split, 1);
    let back = diff(
        "第一句很长的话。\n第二句也很长的话。",
        "第一句很长的话。第二句也很长的话。",
    );
    assert_eq!(kinds(&back), vec![(HunkKind::Join, "\n", "")]);
}

#[test]
fn a_moved_paragraph_is_a_move() {
    let old = "甲段落的内容在这里。\n乙段落的内容在这里。\n丙段落的内容在这里。";
    let new = "乙段落的内容在这里。\n丙段落的内容在这里。\n甲段落的内容在这里。";
    let r = diff(old, new);
    assert_eq!(r.summary.moved, 1);
    assert_eq!(r.summary.inserted + r.summary.deleted, 0);
    let mv = &r.hunks[0];
    assert_eq!(mv.kind, HunkKind::Move);
    assert_eq!(mv.old_at.unwrap().paragraph, 1);
    assert_eq!(mv.new_at.unwrap().paragraph, 3);
}

#[test]
fn a_moved_and_edited_paragraph_shows_its_edit() {
    let old = "甲段落的内容写在这里面。\n乙段落。\n丙段落。";
    let new = "乙段落。\n丙段落。\n甲段落的内容放在这里面。";
    let r = diff(old, new);
    assert_eq!(r.summary.moved, 1);
    assert_eq!(
        kinds(&r)[1..],
        [(HunkKind::Replace, "写", "放")],
        "{:?}",
        r.hunks
    );
}

#[test]
fn a_rewrite_is_shown_as_whole_paragraphs_and_says_so() {
    let r = diff(
        "春风又绿江南岸，明月何时照我还。",
        "床前明月光，疑是地上霜。举头望山月。",
    );
    assert_eq!(r.coarse, Some(Coarse::Rewrite));
    assert_eq!(r.hunks.len(), 1);
    assert_eq!(r.hunks[0].old, "春风又绿江南岸，明月何时照我还。");
}

#[test]
fn a_passed_deadline_falls_back_to_paragraphs() {
    let past = Instant::now();
    std::thread::sleep(std::time::Duration::from_millis(2));
    let options = Options {
        segmenter: &tokens::chars,
        deadline: Some(past),
    };
    let r = compare("今天召开会议。", "昨天召开会议。", &options);
    assert_eq!(r.coarse, Some(Coarse::Deadline));
    assert_eq!(
        kinds(&r),
        vec![(HunkKind::Replace, "今天召开会议。", "昨天召开会议。")]
    );
}

#[test]
fn inserted_and_deleted_paragraphs_count_their_characters() {
    let r = diff("一段。\n二段。", "一段。\n新加的段落。\n二段。");
    assert_eq!(kinds(&r), vec![(HunkKind::Insert, "", "新加的段落。")]);
    assert_eq!(r.summary.inserted, 6);
    let r = diff("一段。\n删去的段落。\n二段。", "一段。\n二段。");
    assert_eq!(r.summary.deleted, 6);
    assert_eq!(r.hunks[0].old_at.unwrap().paragraph, 2);
}

#[test]
fn identical_texts_have_no_hunks() {
    let r = diff("一段。\n\n二段。\n", "一段。\n二段。");
    assert!(r.is_empty());
    assert!(r.summary.is_empty());
}

#[test]
fn a_long_rewrite_is_shown_whole_without_comparing_characters() {
    // Paragraphs built from disjoint sets of characters: nothing in common.
    let text = |base: u32, paragraphs: usize| {
        (0..paragraphs)
            .map(|p| {
                (0..300)
                    .map(|i| char::from_u32(base + ((p as u32 * 7 + i * 13) % 400)).unwrap())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let old = text(0x4e00, 10);
    let new = text(0x6000, 11);
    let r = diff(&old, &new);
    assert_eq!(r.coarse, Some(Coarse::Rewrite));
    assert_eq!(r.hunks.len(), 1);
    assert_eq!(r.summary.changed, 3000);
    assert_eq!(r.summary.inserted, 300);
}
