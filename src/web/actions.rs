//! What the forms do. Each action checks the session and the form's token,
//! then calls the same operation as the command line, as the person logged
//! in, one write at a time; the answer comes back as a note on the page the
//! browser is sent to.

use std::collections::HashMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};

use super::access_log::Event;
use super::auth::{self, Flash};
use super::checks::Lane;
use super::guard::{Client, LoggedIn, safe_next};
use super::{
    Shared, blocking, cookie, cookie_value, device, encode, forbidden, named_cookie, not_found,
    plain_page, refusal, same_origin, sent_back,
};
use crate::desk::Desk;
use crate::desk::add::{MAX_IMPORT_BYTES, body_from_bytes};
use crate::desk::lint;
use crate::desk::revise::{self, Revised};
use crate::desk::set::{self, FieldsSet};
use crate::desk::sign::{self, StageChoice};
use crate::error::Result;
use crate::messages::{self, release as release_says, web as says, word as word_says};
use crate::repo::load::{self, Article};

pub(super) type Fields = HashMap<String, String>;

pub async fn login(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Response {
    if !client.same_origin(&headers) {
        return forbidden();
    }
    let typed = form
        .get("name")
        .map(|n| n.trim().to_string())
        .unwrap_or_default();
    // No name on a staff list is longer: such a name is never looked up,
    // and is kept (cut short) only as one more folded failure, after the
    // same wait for a turn as any other unknown name.
    let too_long = typed.chars().count() > auth::LONGEST_NAME;
    let name: String = typed.chars().take(auth::LONGEST_NAME).collect();
    let password = form.get("password").cloned().unwrap_or_default();
    let next = safe_next(form.get("next").map(String::as_str)).to_string();
    let failed =
        || Redirect::to(&format!("/login?failed=1&next={}", encode(&next))).into_response();
    let held = |event: Event, wait: std::time::Duration| {
        app.access.record(&name, Some(client.addr), event);
        let to = format!(
            "/login?wait={}&next={}",
            wait.as_secs().max(1),
            encode(&next)
        );
        Redirect::to(&to).into_response()
    };
    let stored = (!too_long).then(|| app.passwords.hash(&name)).flatten();
    // A braked name is answered before it takes a place in the queue.
    if stored.is_some()
        && let Err(wait) = app.brake.attempt(&name, client.addr)
    {
        return held(Event::Braked, wait);
    }
    let recognised = cookie_value(&headers, device::DEVICE_COOKIE)
        .is_some_and(|value| stored.is_some() && app.devices.recognises(&value, &name));
    let lane = match (recognised, stored.is_some()) {
        (true, _) => Lane::Recognised,
        (false, true) => Lane::Known,
        (false, false) => Lane::Unknown,
    };
    let Ok(turn) = app.checks.turn(lane, client.addr).await else {
        return held(Event::Busy, std::time::Duration::from_secs(1));
    };
    let hash = turn
        .run(move || {
            // A name with no password costs the same time as a wrong
            // password, so the answer does not tell which names exist.
            let checked = stored.clone().unwrap_or_else(|| auth::DUMMY_HASH.clone());
            (auth::verify(&checked, &password) && stored.is_some()).then_some(checked)
        })
        .await;
    drop(turn);
    match hash {
        Some(hash) => {
            app.brake.succeeded(&name, client.addr);
            app.access.record(&name, Some(client.addr), Event::Login);
            let token = app.sessions.open(&name, &hash);
            let session = cookie(&client, &token, None);
            let device = named_cookie(
                device::DEVICE_COOKIE,
                &client,
                &app.devices.issue(&name),
                Some(device::RECOGNISED_FOR.as_secs() as u32),
            );
            let mut answer = Redirect::to(&next).into_response();
            for value in [session, device] {
                if let Ok(value) = header::HeaderValue::from_str(&value) {
                    answer.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            answer
        }
        None => {
            app.access
                .record(&name, Some(client.addr), Event::LoginFailed);
            failed()
        }
    }
}

pub async fn logout(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(LoggedIn { token, session }): Extension<LoggedIn>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Response {
    if !same_origin(
        &client,
        &headers,
        &session,
        form.get("csrf").map(String::as_str),
    ) {
        return forbidden();
    }
    app.sessions.close(&token);
    app.access
        .record(&session.name, Some(client.addr), Event::Logout);
    let cookie = cookie(&client, "", Some(0));
    ([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response()
}

/// What an action does once the article is found, under the write lock.
type Act = Box<dyn FnOnce(&Desk, &Article) -> Result<String> + Send>;

/// An action that may send the browser elsewhere than the article page
/// on success (压稿: to the article's new page).
type ActTo = Box<dyn FnOnce(&Desk, &Article) -> Result<(String, Option<String>)> + Send>;

/// Checks the session and the form, then runs `act` on the article at
/// `/a/ISSUE/SLUG` as the person logged in, and sends the browser back to
/// the article page with the outcome.
async fn act(
    app: Shared,
    who: (Client, LoggedIn, HeaderMap),
    issue: String,
    slug: String,
    form_token: Option<String>,
    base: Option<String>,
    act: Act,
) -> Response {
    let act: ActTo = Box::new(move |desk, a| act(desk, a).map(|line| (line, None)));
    act_to(app, who, issue, slug, form_token, base, act).await
}

/// `act`, with the page to go to on success chosen by the action.
async fn act_to(
    app: Shared,
    (client, me, headers): (Client, LoggedIn, HeaderMap),
    issue: String,
    slug: String,
    form_token: Option<String>,
    base: Option<String>,
    act: ActTo,
) -> Response {
    let mut page = format!("/a/{issue}/{slug}");
    let LoggedIn { token, session } = me;
    if !same_origin(&client, &headers, &session, form_token.as_deref()) {
        return forbidden();
    }
    let root = app.root.clone();
    let shared = app.clone();
    let outcome = blocking(move || -> Result<Option<(String, Option<String>)>> {
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = crate::desk::open_for_write(&root)?;
        let desk = Desk::of(&mag, &session.name)?;
        let Some(id) =
            crate::core::issue::IssueId::parse(&issue).filter(|i| i.to_string() == issue)
        else {
            return Ok(None);
        };
        if !load::issue_ids(&mag)?.contains(&id) || !load::slugs(&mag, id).contains(&slug) {
            return Ok(None);
        }
        let article = load::article(&mag, id, &slug)?.readable()?;
        if base.is_some_and(|b| b != article.body_hash()) {
            return Err(says::stale_form());
        }
        act(&desk, &article).map(Some)
    })
    .await;
    let flash = match outcome {
        Ok(None) => return not_found(),
        Ok(Some((line, elsewhere))) => {
            page = elsewhere.unwrap_or(page);
            Flash {
                ok: true,
                lines: vec![line],
            }
        }
        Err(e) => refusal(&e),
    };
    app.sessions.set_flash(&token, flash);
    Redirect::to(&page).into_response()
}

pub(super) fn field(form: &Fields, key: &str) -> Option<String> {
    form.get(key)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub async fn assign(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let editor = field(&form, "editor").unwrap_or_default();
    let due = field(&form, "due");
    let note = field(&form, "note");
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        None,
        Box::new(move |desk, a| {
            let due = due
                .as_deref()
                .map(crate::desk::sign::parse_date)
                .transpose()?;
            let done = sign::assign(desk, &a.key(), &editor, due, note)?;
            Ok(messages::assigned(
                &done.key,
                &done.title,
                &done.editor,
                done.due,
            ))
        }),
    )
    .await
}

pub async fn sign(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let stage = field(&form, "stage").unwrap_or_default();
    let note = field(&form, "note");
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        Some(field(&form, "base").unwrap_or_default()),
        Box::new(move |desk, a| {
            let done = sign::sign(desk, &a.key(), StageChoice::Named(&stage), note)?;
            Ok(messages::signed(&done.key, &done.title, &done.stage.name))
        }),
    )
    .await
}

pub async fn reopen(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let reason = field(&form, "reason").unwrap_or_default();
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        None,
        Box::new(move |desk, a| {
            let done = sign::reopen(desk, &a.key(), &reason)?;
            Ok(messages::reopened(&done.key, &done.title, done.withdrawn))
        }),
    )
    .await
}

pub async fn withdraw(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let reason = field(&form, "reason").unwrap_or_default();
    let undo = field(&form, "undo").is_some();
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        None,
        Box::new(move |desk, a| {
            let done = crate::desk::withdraw::withdraw(desk, &a.key(), &reason, undo)?;
            Ok(match undo {
                false => release_says::withdrawn(&done.key, &done.title),
                true => release_says::restored(&done.key, &done.title),
            })
        }),
    )
    .await
}

/// 压稿: the article to the issue chosen, and the browser to its new page.
pub async fn move_article(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let target = field(&form, "issue").unwrap_or_default();
    let reason = field(&form, "reason").unwrap_or_default();
    act_to(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        None,
        Box::new(move |desk, a| {
            let done = crate::desk::move_article::move_article(desk, &a.key(), &target, &reason)?;
            let said = release_says::moved(&done.from, &done.key, &done.title, &done.again);
            Ok((said, Some(format!("/a/{}/{}", done.to, done.slug))))
        }),
    )
    .await
}

/// What an issue-level form does once the issue is found, under the write
/// lock.
pub(super) type IssueAct = Box<dyn FnOnce(&Desk, &str) -> Result<String> + Send>;

/// `act` for a form about a whole issue: checks the session and the form,
/// runs `act` on the issue as the person logged in, and sends the browser
/// to `page` with the outcome.
pub(super) async fn act_on_issue(
    app: Shared,
    (client, me, headers): (Client, LoggedIn, HeaderMap),
    issue: String,
    form_token: Option<&str>,
    page: String,
    act: IssueAct,
) -> Response {
    let LoggedIn { token, session } = me;
    if !same_origin(&client, &headers, &session, form_token) {
        return forbidden();
    }
    let (root, shared) = (app.root.clone(), app.clone());
    let outcome = blocking(move || -> Result<Option<String>> {
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = crate::desk::open_for_write(&root)?;
        let desk = Desk::of(&mag, &session.name)?;
        if super::pages::issue_of(&mag, &issue)?.is_none() {
            return Ok(None);
        }
        act(&desk, &issue).map(Some)
    })
    .await;
    match outcome.transpose() {
        None => not_found(),
        Some(outcome) => sent_back(&app, &token, &page, outcome),
    }
}

/// 付印 for the issue at `/issues/ISSUE`, or its withdrawal (`undo`).
pub async fn release(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path(issue): Path<String>,
    Form(form): Form<Fields>,
) -> Response {
    let reason = field(&form, "reason");
    let undo = field(&form, "undo").is_some();
    let page = format!("/issues/{issue}");
    act_on_issue(
        app,
        (client, me, headers),
        issue,
        form.get("csrf").map(String::as_str),
        page,
        Box::new(move |desk, issue| {
            let done = crate::desk::release::release(desk, issue, undo, reason.as_deref())?;
            Ok(match undo {
                false => release_says::released(&done.issue, done.articles),
                true => release_says::unreleased(&done.issue),
            })
        }),
    )
    .await
}

/// The page plan of `/issues/ISSUE/pages`, every article at once.
pub async fn set_plan(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path(issue): Path<String>,
    Form(form): Form<Fields>,
) -> Response {
    let page = format!("/issues/{issue}/pages");
    let token = form.get("csrf").cloned();
    act_on_issue(
        app,
        (client, me, headers),
        issue,
        token.as_deref(),
        page,
        Box::new(move |desk, issue| {
            let number = |slug: &str, raw: Option<&String>| -> Result<Option<u32>> {
                let raw = raw.map(|r| r.trim()).unwrap_or_default();
                if raw.is_empty() {
                    return Ok(None);
                }
                raw.parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Some)
                    .ok_or_else(|| messages::toc::plan_bad_number(&format!("{issue}/{slug}"), raw))
            };
            let mut placements = HashMap::new();
            for key in form.keys() {
                let Some(slug) = key.strip_prefix("page.") else {
                    continue;
                };
                placements.insert(
                    slug.to_string(),
                    crate::desk::pages::Placement {
                        page: number(slug, form.get(key))?,
                        pages: number(slug, form.get(&format!("pages.{slug}")))?,
                    },
                );
            }
            let done = crate::desk::pages::set_plan(desk, issue, &placements)?;
            Ok(messages::toc::plan_saved(
                done.changed,
                &messages::toc::plan_summary(&done.plan),
            ))
        }),
    )
    .await
}

/// The certain corrections of `galley lint --fix`, made by the person at
/// the desk.
pub async fn lint_fix(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        Some(field(&form, "base").unwrap_or_default()),
        Box::new(move |desk, a| {
            Ok(match lint::fix(desk, &a.key())? {
                lint::Fixed::Nothing { key } => messages::lint::fix_nothing(&key),
                lint::Fixed::Saved {
                    key,
                    count,
                    rules,
                    stale,
                } => messages::lint::fix_done(&key, count, &rules, &stale),
            })
        }),
    )
    .await
}

pub async fn set(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    Form(form): Form<Fields>,
) -> Response {
    let pairs: Vec<String> = says::FIELD_LABELS
        .iter()
        .filter_map(|(key, _)| {
            form.get(*key)
                .map(|v| format!("{key}={}", crate::core::text::one_line(v)))
        })
        .collect();
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        None,
        Box::new(move |desk, a| {
            // Only what differs from the article as shown is sent on.
            let changed: Vec<String> = pairs
                .into_iter()
                .filter(|p| {
                    p.split_once('=')
                        .is_some_and(|(k, v)| set::shown_value(&a.text.front, k) != v)
                })
                .collect();
            if changed.is_empty() {
                return Ok(messages::nothing_to_save(&a.key()));
            }
            Ok(match set::set(desk, &a.key(), &changed)? {
                FieldsSet::Unchanged { key } => messages::nothing_to_save(&key),
                FieldsSet::Set {
                    key,
                    changed,
                    stale,
                } => messages::fields_set(&key, &changed, &stale),
            })
        }),
    )
    .await
}

pub async fn revise(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Response {
    let (form, upload) = match read_multipart(&mut multipart).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let body = form.get("body").cloned().unwrap_or_default();
    let message = field(&form, "message");
    let accept = field(&form, "accept").is_some();
    act(
        app,
        (client, me, headers),
        issue,
        slug,
        field(&form, "csrf"),
        Some(field(&form, "base").unwrap_or_default()),
        Box::new(move |desk, a| {
            let (body, review) = match upload {
                Some((name, bytes)) => (
                    body_from_bytes(&name, &bytes, &desk.mag.staff.magazine.running_heads)?,
                    revise::word_review(&name, &bytes),
                ),
                None => (body, None),
            };
            let done = match review {
                None => revise::record(desk, a, &body, message.as_deref())?,
                // Nothing a returned file holds is taken in unseen.
                Some(review) if !accept => {
                    revise::check_returned(desk.mag, a, &review)
                        .map_err(|e| word_says::with_listing(e, &review))?;
                    return Err(word_says::review_needs_confirm(&review));
                }
                Some(review) => {
                    revise::record_reviewed(desk, a, &body, message.as_deref(), &review)?
                }
            };
            Ok(match done {
                Revised::Unchanged { key } => messages::nothing_to_save(&key),
                Revised::Saved {
                    key,
                    title,
                    body_changed,
                    stale,
                } => messages::revised(&key, &title, body_changed, &stale),
            })
        }),
    )
    .await
}

/// An uploaded file: the name the browser gave it, and its bytes.
pub(super) type Upload = (String, Vec<u8>);

/// The fields of a multipart form, and its one file (the part called
/// `file`), each part at most `MAX_IMPORT_BYTES`; a larger one is answered
/// with the page to send back.
pub(super) async fn read_multipart(
    multipart: &mut Multipart,
) -> std::result::Result<(Fields, Option<Upload>), Response> {
    let mut form: Fields = HashMap::new();
    let mut upload = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_string();
                let file_name = part.file_name().map(str::to_string);
                let Ok(bytes) = part.bytes().await else {
                    return Err(plain_page(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &says::too_large(),
                    ));
                };
                if bytes.len() as u64 > MAX_IMPORT_BYTES {
                    return Err(plain_page(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &says::too_large(),
                    ));
                }
                match (name.as_str(), file_name) {
                    ("file", Some(file)) if !file.is_empty() => {
                        upload = Some((file, bytes.to_vec()))
                    }
                    ("file", _) => {}
                    _ => {
                        form.insert(name, String::from_utf8_lossy(&bytes).into_owned());
                    }
                }
            }
            Ok(None) => return Ok((form, upload)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(plain_page(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &says::too_large(),
                ));
            }
            Err(_) => return Err(forbidden()),
        }
    }
}
