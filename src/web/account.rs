//! Accounts on the desk: changing one's own password, and, for the
//! administrators (`[workflow] administrators`, by default 主编 and
//! 编辑部主任), setting a colleague's password and reading the access log
//! by person and date.

use std::collections::HashMap;

use axum::Extension;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;

use super::access_log::Event;
use super::auth;
use super::checks::Lane;
use super::guard::{Client, LoggedIn};
use super::pages::{Outcome, show};
use super::view::csrf;
use super::{Shared, blocking, forbidden, same_origin, sent_back};
use crate::desk::staff::StaffSaved;
use crate::error::Result;
use crate::messages::accounts as says;
use crate::repo::Magazine;

type Fields = HashMap<String, String>;

/// Access-log lines a page lists at most: the newest.
const SHOWN_LINES: usize = 500;

/// Whether `name` looks after the accounts, by the staff list on disk now.
fn administers(mag: &Magazine, name: &str) -> bool {
    let wf = mag.staff.workflow();
    mag.staff
        .person(name)
        .is_some_and(|p| wf.is_administrator(p))
}

/// `/account`: one's own password.
pub async fn account(State(app): State<Shared>, Extension(me): Extension<LoggedIn>) -> Response {
    show(app, me, |mag, session, _| {
        let admin = administers(mag, &session.name);
        Ok(Outcome::Page(
            says::ACCOUNT.into(),
            html! {
                h1 { (says::ACCOUNT) }
                @if admin { p { a href="/admin" { (says::ADMIN_LINK) } } }
                h2 { (says::CHANGE_PASSWORD) }
                p { (says::POLICY) }
                form.act method="post" action="/account/password" {
                    (csrf(&session.csrf))
                    label for="old" { (says::OLD_PASSWORD) }
                    input #old type="password" name="old" autocomplete="current-password" required;
                    label for="new" { (says::NEW_PASSWORD) }
                    input #new type="password" name="new" autocomplete="new-password" required;
                    label for="again" { (says::NEW_PASSWORD_AGAIN) }
                    input #again type="password" name="again" autocomplete="new-password" required;
                    button.primary type="submit" { (says::CHANGE_PASSWORD) }
                }
            },
        ))
    })
    .await
}

/// The old password, then the new one twice; the person's other sessions
/// end, this one goes on.
pub async fn change_password(
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
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let (old, new, again) = (get("old"), get("new"), get("again"));
    let name = session.name.clone();
    // A logged-in person checking their own password waits in the lane of
    // browsers known to the desk.
    let Ok(turn) = app.checks.turn(Lane::Recognised, client.addr).await else {
        return sent_back(&app, &token, "/account", Err(says::checks_busy()));
    };
    let stored = app.passwords.hash(&name);
    let old_ok = turn
        .run(move || stored.is_some_and(|h| auth::verify(&h, &old)))
        .await;
    drop(turn);
    let (root, shared) = (app.root.clone(), app.clone());
    let outcome = blocking(move || -> Result<String> {
        if !old_ok {
            return Err(says::wrong_old_password());
        }
        if new != again {
            return Err(says::passwords_differ());
        }
        auth::check_policy(&name, &new)?;
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = Magazine::find(&root)?;
        auth::set_password(&mag.git, &name, &new)?;
        Ok(says::password_changed())
    })
    .await;
    if outcome.is_ok() {
        if let Some(hash) = app.passwords.hash(&session.name) {
            app.sessions.keep_only(&session.name, &token, &hash);
        }
        app.access
            .record(&session.name, Some(client.addr), Event::PasswordChanged);
    }
    sent_back(&app, &token, "/account", outcome)
}

#[derive(serde::Deserialize)]
pub struct LogFilter {
    name: Option<String>,
    date: Option<String>,
    /// The colleague whose title and roles the staff form starts from.
    edit: Option<String>,
}

/// `/admin`: who has a password, a form to set one, and the access log.
pub async fn admin(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Query(filter): Query<LogFilter>,
) -> Response {
    let log_path = app.access.path().to_path_buf();
    let passwords = app.clone();
    show(app, me, move |mag, session, _| {
        let wf = mag.staff.workflow();
        if !administers(mag, &session.name) {
            return Ok(Outcome::Page(
                says::ADMIN.into(),
                html! { h1 { (says::ADMIN) } p.attention { (says::not_an_administrator(&wf.administrators)) } },
            ));
        }
        let name = filter.name.filter(|n| !n.trim().is_empty());
        let date = filter.date.filter(|d| !d.trim().is_empty());
        let (lines, matched) = log_lines(&log_path, name.as_deref(), date.as_deref());
        let staff = &mag.staff.staff;
        let editing = filter.edit.as_deref().and_then(|n| mag.staff.person(n));
        let known_roles = mag.staff.known_roles();
        Ok(Outcome::Page(
            says::ADMIN.into(),
            html! {
                h1 { (says::ADMIN) }
                h2 { (says::STAFF) }
                table {
                    thead { tr { th { (says::NAME) } th { (says::TITLE) } th { (says::ROLES) } th { (says::HAS_PASSWORD) } } }
                    tbody { @for p in staff { tr {
                        td.nowrap { a href={ "/admin?edit=" (super::encode(&p.name)) "#people" } { (p.name) } }
                        td { (p.title.clone().unwrap_or_default()) }
                        td { (p.roles.join("、")) }
                        td { @if passwords.passwords.hash(&p.name).is_some() { (says::SET) } @else { span.stale { (says::NOT_SET) } } }
                    } } }
                }
                h2 #people { (says::PEOPLE) }
                p { (says::PEOPLE_EXPLAINED) }
                form.act method="post" action="/admin/staff" {
                    (csrf(&session.csrf))
                    label for="person-name" { (says::PERSON_NAME) }
                    input #person-name type="text" name="name" required value=(editing.map(|p| p.name.as_str()).unwrap_or_default());
                    label for="person-title" { (says::PERSON_TITLE) }
                    input #person-title type="text" name="title" value=(editing.and_then(|p| p.title.as_deref()).unwrap_or_default());
                    fieldset.roles {
                        legend { (says::PERSON_ROLES) }
                        @for role in &known_roles {
                            label.inline { input type="checkbox" name="role" value=(role) checked[editing.is_some_and(|p| p.has_role(role))]; " " (role) }
                        }
                    }
                    button.primary type="submit" { (says::SAVE_PERSON) }
                }
                h2 { (says::SET_FOR) }
                p { (says::POLICY_FOR_COLLEAGUE) }
                form.act method="post" action="/admin/password" {
                    (csrf(&session.csrf))
                    label for="colleague" { (says::COLLEAGUE) }
                    select #colleague name="name" { @for p in staff { option value=(p.name) { (p.name) } } }
                    label for="new" { (says::NEW_PASSWORD) }
                    input #new type="password" name="new" autocomplete="new-password" required;
                    label for="again" { (says::NEW_PASSWORD_AGAIN) }
                    input #again type="password" name="again" autocomplete="new-password" required;
                    button.primary type="submit" { (says::SET_BUTTON) }
                }
                h2 { (says::LOG) }
                form.act method="get" action="/admin" {
                    label for="log-name" { (says::NAME) }
                    select #log-name name="name" {
                        option value="" { (says::LOG_ANYONE) }
                        @for p in staff { option value=(p.name) selected[name.as_deref() == Some(p.name.as_str())] { (p.name) } }
                    }
                    label for="log-date" { (says::LOG_DATE) }
                    input #log-date type="date" name="date" value=(date.clone().unwrap_or_default());
                    button type="submit" { (says::LOG_FILTER) }
                }
                @if lines.is_empty() { p { (says::LOG_NONE) } }
                @else {
                    p { (says::log_shown(lines.len(), matched)) }
                    table {
                        thead { tr { th { (says::LOG_TIME) } th { (says::NAME) } th { (says::LOG_ADDRESS) } th { (says::LOG_EVENT) } } }
                        tbody { @for l in &lines { tr {
                            td { (l.at) } td.nowrap { (l.name) } td { (l.address) } td { (l.event) }
                        } } }
                    }
                }
            },
        ))
    })
    .await
}

struct LogLine {
    at: String,
    name: String,
    address: String,
    event: String,
}

/// The newest `SHOWN_LINES` lines of the access log for `name` on `date`
/// (either may be absent), newest first, and how many matched.
fn log_lines(
    path: &std::path::Path,
    name: Option<&str>,
    date: Option<&str>,
) -> (Vec<LogLine>, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut matched = Vec::new();
    for raw in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let at = field("at");
        if name.is_some_and(|n| v["name"] != n && v["by"] != n)
            || date.is_some_and(|d| !at.starts_with(d))
        {
            continue;
        }
        matched.push(LogLine {
            at: at.replace('T', " ").chars().take(19).collect(),
            name: field("name"),
            address: Some(field("address"))
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| says::AT_THE_SERVER.to_string()),
            event: says::event(&field("event"), v["count"].as_u64(), v["by"].as_str()),
        });
    }
    let total = matched.len();
    let shown: Vec<LogLine> = matched.into_iter().rev().take(SHOWN_LINES).collect();
    (shown, total)
}

/// An administrator sets (or resets) a colleague's password; the
/// colleague's sessions end with the old one.
pub async fn set_password(
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
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let (colleague, new, again) = (get("name"), get("new"), get("again"));
    let (root, shared, admin) = (app.root.clone(), app.clone(), session.name.clone());
    let done = colleague.clone();
    let outcome = blocking(move || -> Result<Option<String>> {
        let mag = Magazine::find(&root)?;
        if !administers(&mag, &admin) {
            return Ok(None);
        }
        let Some(person) = mag.staff.person(colleague.trim()) else {
            return Err(says::unknown_colleague(&colleague));
        };
        if new != again {
            return Err(says::passwords_differ());
        }
        auth::check_policy(&person.name, &new)?;
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        auth::set_password(&mag.git, &person.name, &new)?;
        Ok(Some(says::password_set_for(&person.name)))
    })
    .await;
    match outcome {
        Ok(None) => forbidden(),
        Ok(Some(line)) => {
            app.access.record_by(
                done.trim(),
                Some(&session.name),
                Some(client.addr),
                Event::PasswordReset,
            );
            sent_back(&app, &token, "/admin", Ok(line))
        }
        Err(e) => sent_back(&app, &token, "/admin", Err(e)),
    }
}

/// An administrator adds a colleague, or changes one's title and roles.
pub async fn set_person(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(LoggedIn { token, session }): Extension<LoggedIn>,
    headers: HeaderMap,
    // `role` comes once per ticked box, which a map of fields would lose.
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !same_origin(&client, &headers, &session, Some(&get("csrf"))) {
        return forbidden();
    }
    let roles: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "role")
        .map(|(_, v)| v.clone())
        .collect();
    let (name, title) = (get("name"), get("title"));
    let (root, shared, admin) = (app.root.clone(), app.clone(), session.name.clone());
    let outcome = blocking(move || -> Result<String> {
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = crate::desk::open_for_write(&root)?;
        let desk = crate::desk::Desk::of(&mag, &admin)?;
        Ok(
            match crate::desk::staff::set_person(&desk, &name, Some(&title), &roles)? {
                StaffSaved::Unchanged => says::person_unchanged(name.trim()),
                StaffSaved::Added => says::person_saved(name.trim(), true),
                StaffSaved::Changed => says::person_saved(name.trim(), false),
            },
        )
    })
    .await;
    sent_back(&app, &token, "/admin#people", outcome)
}
