//! The frame every page shares, and small pieces of markup. maud escapes
//! everything interpolated, so a title such as `<script>` shows as text.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::auth::Flash;
use crate::messages::web as says;

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;font-size:16px;line-height:1.6;color:#1b1b1b;background:#f6f5f2}
header{background:#8b1c1c;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header .me{margin-left:auto;display:flex;gap:.6rem;align-items:center}
header button{background:none;border:1px solid #fff;color:#fff;border-radius:4px;padding:.1rem .6rem;cursor:pointer}
main{max-width:1320px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.4rem 0 .6rem;border-bottom:2px solid #8b1c1c;padding-bottom:.2rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #d6d2ca;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#ece8e0;white-space:nowrap}
td.nowrap{white-space:nowrap}
a{color:#7a1616}
.flash{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}
.flash.ok{background:#e5f3e5;border:1px solid #7fb87f}
.flash.err{background:#fbe9e7;border:1px solid #d38b80}
.flash p{margin:.1rem 0}
p.warn{background:#fff4dc;border:1px solid #d9a441;border-radius:4px;padding:.45rem .7rem;margin:.6rem 0;color:#5a3b00}
.stale{color:#b3261e;font-weight:600}
.overdue{color:#b3261e}
.attention{color:#b3261e}
.text p{background:#fff;margin:0;padding:.3rem .6rem;border-left:3px solid #ece8e0}
.text p+p{border-top:1px solid #f1eee8}
.text .n{color:#666;font-size:.8rem;margin-right:.4rem}
form.act{background:#fff;border:1px solid #d6d2ca;border-radius:6px;padding:.7rem;margin:.5rem 0}
form.act label{display:block;margin:.3rem 0 .1rem;font-size:.9rem;color:#444}
input[type=number]{width:5rem;font:inherit;padding:.35rem;border:1px solid #bdb7ab;border-radius:4px}
input[type=text],input[type=password],input[type=date],select,textarea{width:100%;max-width:36rem;font:inherit;padding:.35rem;border:1px solid #bdb7ab;border-radius:4px}
textarea{max-width:none;min-height:14rem}
textarea.short{max-width:36rem;min-height:4.5rem}
textarea.list{max-width:36rem;min-height:10rem}
textarea.field{max-width:36rem;min-height:3.6rem;resize:vertical}
form.act label.inline{display:flex;gap:.4rem;align-items:center}
fieldset.roles{border:1px solid #d6d2ca;border-radius:4px;margin:.5rem 0;max-width:36rem}
fieldset.roles legend{font-size:.9rem;color:#444}
.help{font-size:.85rem;color:#555;margin:.1rem 0}
ol.paragraphs{background:#fff;border:1px solid #d6d2ca;padding:.5rem .6rem .5rem 2.6rem;margin:.4rem 0}
ol.paragraphs li{margin:.3rem 0}
div.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem}
div.photos figure{margin:0;background:#fff;border:1px solid #d6d2ca;padding:.4rem}
div.photos img{display:block;width:100%;height:auto}
div.photos figcaption{font-size:.9rem}
button.primary{background:#8b1c1c;color:#fff;border:0;border-radius:4px;padding:.45rem 1.1rem;font:inherit;cursor:pointer;margin-top:.5rem}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.6rem}
.login{max-width:24rem;margin:3rem auto;background:#fff;padding:1.5rem;border-radius:8px;border:1px solid #d6d2ca}
ul.todo li{margin:.2rem 0}
mark{background:none;padding:0 .05rem;border-bottom:2px solid}
mark.e{border-color:#b3261e;background:#fbe9e7}
mark.w{border-color:#c77700;background:#fff4e0}
mark.i{border-color:#6b7c93}
.text a{text-decoration:none;color:inherit}
span.e{color:#b3261e;font-weight:600}
span.w{color:#9a5b00;font-weight:600}
span.i{color:#4c5b70}
ol.findings{background:#fff;border:1px solid #d6d2ca;padding:.5rem .5rem .5rem 2.2rem;margin:.4rem 0}
ol.findings li{margin:.35rem 0;word-break:break-all}
ol.findings small{color:#555}
a.lint{text-decoration:none}
.redline{background:#fff;border:1px solid #d6d2ca;padding:.8rem .8rem .8rem 3.4rem;font-family:"Noto Serif CJK SC","Source Han Serif SC",serif;line-height:1.9;max-width:48em}
.redline p{position:relative;text-indent:2em;margin:0 0 .35em}
.redline .n{position:absolute;left:-3em;width:2.4em;text-indent:0;text-align:right;font-size:.75rem;color:#666;font-family:sans-serif}
.redline del{color:#a8001a;background:#fde7ea;text-decoration:line-through}
.redline ins{color:#04662d;background:#e3f5e8;text-decoration:underline}
.redline .moved{border-left:3px solid #2a5db0;padding-left:.6em}
.redline .changed{border-left:3px solid #b3001b;padding-left:.6em}
.redline .note{text-indent:0;font-size:.85rem;color:#2a5db0}
.redline .labels{font-size:.9rem;color:#444;margin-bottom:1em}
.redline .summary{margin-top:1.2em;padding-top:.5em;border-top:1px solid #999;font-weight:bold}
figure.chart{margin:.6rem 0;background:#fff;border:1px solid #d6d2ca;padding:.4rem}
figure.chart svg{display:block;width:100%;height:auto}
figure.chart svg.wide,figure.chart svg.narrow{display:none}
@media (max-width:1100px){
 figure.chart svg.desk{display:none}
 figure.chart svg.wide{display:block}
}
iframe.toc{width:100%;height:80vh;border:1px solid #d6d2ca;background:#fff}
@media (max-width:640px){
 main{padding:.6rem}
 figure.chart svg.desk,figure.chart svg.wide{display:none}
 figure.chart svg.narrow{display:block}
 table.board thead{display:none}
 table.board tr{display:block;border:1px solid #d6d2ca;margin-bottom:.5rem;background:#fff}
 table.board td{display:block;border:0;padding:.1rem .6rem}
 table.board td:empty{display:none}
 table.board td[data-label]::before{content:attr(data-label)"：";color:#777}
}
"#;

/// A whole page: the header with the person's name, any flash, the body.
pub fn page(title: &str, who: Option<(&str, &str)>, flash: Option<Flash>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · galley" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/" { (says::MY_DESK) }
                    a href="/issues" { (says::ISSUES) }
                    @if let Some((name, csrf)) = who {
                        span.me {
                            span { (says::logged_in_as(name)) }
                            a href="/account" { (crate::messages::accounts::ACCOUNT) }
                            form method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(csrf);
                                button type="submit" { (says::LOG_OUT) }
                            }
                        }
                    }
                }
                main {
                    @if let Some(f) = flash {
                        div class={ "flash " (if f.ok { "ok" } else { "err" }) } role="status" {
                            @for line in &f.lines { p { (line) } }
                        }
                    }
                    (body)
                }
            }
        }
    }
}

/// The hidden field every form carries.
pub fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}
