#!/usr/bin/env bash
# Records 《当代濮阳》2024年第2期 (总第247期) in this repository from its
# printed text (tests/fixtures/2024-02-printed.txt), through galley's own
# commands, so every article, assignment and sign-off is in the journal and
# in git history as the person the print names.
#
# Who did what comes only from the print: each closing 责任编辑 line is the
# article's editor (who takes it) and its approval; each 校对 line is its
# proofreading; the masthead's 校对 (宋欣龙) proofreads the rest. Nobody is
# invented: where the print names no editor, none is assigned. The times are
# nominal (the print gives none): February 2024, one minute per act.
#
# Usage: scripts/import-2024-02.sh [path-to-galley] [steps]   (at the repo root)
#   steps: "contents extras" (the default), or one of them. This repository
#   ran "contents" first and "extras" (captions, pieces off the contents
#   page) afterwards.
set -euo pipefail
GALLEY=${1:-target/debug/galley}
STEPS=${2:-contents extras}
SEED=tests/fixtures/2024-02-printed.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
minute=${MINUTE:-0}
act() { # act PERSON galley-args...
  local who=$1; shift
  GALLEY_NOW=$(printf '2024-02-20T%02d:%02d:00+08:00' $((9 + minute / 60)) $((minute % 60))) \
    GALLEY_USER=$who "$GALLEY" "$@"
  minute=$((minute + 1))
}
# body SLUG FROM TO [SKIP...]: the printed lines FROM..TO, less photo captions.
body() {
  local slug=$1 from=$2 to=$3; shift 3
  local skip=""
  for n in "$@"; do skip="$skip${n}d;"; done
  sed -n "${from},${to}p" "$SEED" | sed "${skip:-}" > "$WORK/$slug.txt"
  echo "$WORK/$slug.txt"
}
add() { # add SLUG SECTION PAGE PAGES TITLE SUBTITLE AUTHOR BYLINE FILE
  local args=(add 2024-02 --slug "$1" --section "$2" --page "$3" --title "$5" --author "$7" --byline "$8" --file "$9")
  [ -n "$4" ] && args+=(--pages "$4")
  [ -n "$6" ] && args+=(--subtitle "$6")
  act 王焕彩 "${args[@]}"
}
# A report whose closing line names its 责任编辑: the editor takes it, the
# masthead's 校对 proofreads it, the editor approves it.
edited() { act "$2" assign "2024-02/$1" "$2"; act 宋欣龙 proofread "2024-02/$1"; act "$2" approve "2024-02/$1"; }

contents() {
  act 王焕彩 issue new 2024-02 --total 247 \
    --section 卷首语 --section 重要言论 --section 新材料产业集群 --section 新能源产业集群 --section 新一代信息技术产业集群 \
    --cover "2月6日下午，濮阳市第九届人民代表大会第三次会议在圆满完成各项议程后胜利闭幕。" --cover-photographer 僧少琴 \
    --back-cover "河南海尔希生物科技有限公司四期项目施工现场" --back-cover-photographer 吴峰 \
    --callout 8 --callout 11 --callout 20 --callout 47

  add lianqun 卷首语 1 3 "链群培育蓄势能 倍增行动启新程" "" 张宇 "《当代濮阳》特约评论员 张宇" "$(body lianqun 33 37)"
  # The contents page credits the commentary to 特约评论员, not to 张宇.
  act 王焕彩 set 2024-02/lianqun 目次署名=特约评论员
  add ningxin 重要言论 4 4 "凝心聚力 实干笃行" "在中国式现代化建设濮阳实践中展现新作为" 万正峰 "中共濮阳市委书记 万正峰" "$(body ningxin 167 206)"
  add zouxiang 重要言论 8 3 "奏响发展最强音 汇聚发展正能量" "奋力开创全面转型高质量发展新局面" 万正峰 "中共濮阳市委书记 万正峰" "$(body zouxiang 220 252 7)"
  add zhengfu 重要言论 11 7 "政府工作报告（摘要）" "——2024年2月4日在濮阳市第九届人民代表大会第三次会议上" 朱良才 "濮阳市人民政府市长 朱良才" "$(body zhengfu 266 409)"
  add shengwu 新材料产业集群 18 2 "关于我市生物降解材料产业链的调研报告" "" 专题调研组一 "专题调研组一" "$(body shengwu 419 455)"
  add jutan 新材料产业集群 20 3 "关于我市聚碳新材料产业链的调研报告" "" 专题调研组二 "专题调研组二" "$(body jutan 463 513)"
  add tuliao 新材料产业集群 23 3 "关于我市绿色涂料产业链的调研报告" "" 专题调研组三 "专题调研组三" "$(body tuliao 525 585 43 45)"
  add juxiting 新材料产业集群 26 3 "关于我市高端聚烯烃产业链的调研报告" "" 专题调研组四 "专题调研组四" "$(body juxiting 593 645 35)"
  add jinghua 新材料产业集群 29 4 "关于我市高端精细化工及电子化学品产业链的调研报告" "" 专题调研组五 "专题调研组五" "$(body jinghua 657 717)"
  add wuji 新材料产业集群 33 3 "关于我市无机非金属材料产业链的调研报告" "" 专题调研组六 "专题调研组六" "$(body wuji 725 777 13)"
  add guangfu 新能源产业集群 36 3 "关于我市光伏及风电产业发展情况的调研报告" "" 专题调研组七 "专题调研组七" "$(body guangfu 785 843 31)"
  add qingneng 新能源产业集群 39 5 "关于我市氢能产业发展的调研报告" "" 专题调研组八 "专题调研组八" "$(body qingneng 853 927)"
  add dashuju 新一代信息技术产业集群 44 3 "关于我市大数据区块链、电子信息装备、信息技术应用服务产业链的调研报告" "" 专题调研组九 "专题调研组九" "$(body dashuju 937 977)"
  add rengong 新一代信息技术产业集群 47 "" "关于我市人工智能产业链的调研报告" "" 专题调研组十 "专题调研组十" "$(body rengong 987 1039)"

  # 校对 lines printed under the speeches and the report; no 责任编辑 is named there.
  act 宋欣龙 proofread 2024-02/ningxin
  act 宋欣龙 proofread 2024-02/zouxiang
  act 王栋栋 proofread 2024-02/zhengfu
  # The 卷首语 names nobody; the masthead's 校对 proofreads it.
  act 宋欣龙 proofread 2024-02/lianqun

  edited shengwu 宋欣龙
  edited jutan 宋欣龙
  edited tuliao 荣萍萍
  edited juxiting 王栋栋
  edited jinghua 王栋栋
  edited wuji 宋欣龙
  edited guangfu 刘卫防
  edited qingneng 宋欣龙
  edited dashuju 刘卫防
  edited rengong 宋欣龙
}

# Photo captions as printed, and the pieces the issue prints but leaves off
# the contents page. The print names no staff for these, so they stay drafts.
extras() {
  act 王焕彩 photo 2024-02/zouxiang "$(sed -n 226p "$SEED")"
  act 王焕彩 photo 2024-02/zhengfu "$(sed -n 264p "$SEED")"
  act 王焕彩 photo 2024-02/jutan "$(sed -n 519p "$SEED")"
  act 王焕彩 photo 2024-02/tuliao "$(sed -n 567p "$SEED") $(sed -n 569p "$SEED")"
  act 王焕彩 photo 2024-02/juxiting "$(sed -n 627p "$SEED")"
  act 王焕彩 photo 2024-02/wuji "$(sed -n 737p "$SEED")"
  act 王焕彩 photo 2024-02/guangfu "$(sed -n 815p "$SEED")"

  act 王焕彩 add 2024-02 --no-toc --slug liliang --kicker "为“高质量发展·制造业倍增”建言献策" \
    --title "立梁架柱 强筋壮骨" --subtitle "濮阳现代产业体系率先成势" \
    --author 张宇 --byline "市工信局张宇供稿" --file "$(body liliang 21 21)"
  act 王焕彩 photo 2024-02/liliang "$(sed -n 27p "$SEED")"
  act 王焕彩 add 2024-02 --no-toc --slug shufa-wanzhengfeng --title "万正峰讲话摘录" \
    --author 牛献民 --byline "濮阳市书法家协会副主席牛献民 / 书" --file "$(body shufa-wanzhengfeng 212 212)"
  sed -n 651p "$SEED" | sed 's/ *习近平语 *牛献民书$//' > "$WORK/shufa-xijinping.txt"
  act 王焕彩 add 2024-02 --no-toc --slug shufa-xijinping --title "习近平语" \
    --author 牛献民 --byline "牛献民书" --file "$WORK/shufa-xijinping.txt"
  act 王焕彩 add 2024-02 --no-toc --slug huihua-wanghuaji --title "王化记绘画作品欣赏" \
    --author 王化记 --byline "王化记" --file "$(body huihua-wanghuaji 1047 1059)"
}

for step in $STEPS; do "$step"; done
