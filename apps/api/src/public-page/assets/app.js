// Public officer lookup: vanilla ES2020, no build step, no dependencies.
// Routes live in the URL hash so deep links and the back button work without server help:
//   #/                      empty search
//   #/search?name=Smith     name search results
//   #/officers/MA-000042    one officer
// All API data is written with textContent / text nodes, never innerHTML.
'use strict';

(() => {
  const API = '/api/v1/public';
  const PAGE_SIZE = 20;
  const BASE_TITLE = 'Officer certification lookup – POST Registry';
  const POST_ID = /^[A-Z]{2}-\d{6,}$/; // as the registry issues them: 6 digits or more
  // Lenient form of a POST ID as people type it: "ma-000042", "MA 000042", "MA000042".
  const POST_ID_TYPED = /^([A-Za-z]{2})\s*-?\s*(\d{6,})$/;

  // Public labels as MA publishes them (DOMAIN.md, Certification) plus a plain-language note.
  const STATUS = {
    certified: ['Certified', 'Licensed as a law enforcement officer; the certification term is running.'],
    not_certified: ['Not Certified', 'A record exists but the officer has never been certified.'],
    admin_suspended: ['Administrative Suspension', 'Suspended for an administrative reason, such as in-service training not completed; lifted on compliance.'],
    suspended: ['Suspended', 'Certification is suspended.'],
    revoked: ['Decertified', 'Certification was revoked. The person may not be employed by any law enforcement agency in any capacity.'],
    lapsed: ['Not Certified (Lapsed)', 'The certification term ended without renewal.'],
    inactive: ['Not Certified (Excused Leave)', 'Retired, on extended leave, or voluntarily inactive in good standing.'],
    relinquished: ['Relinquished', 'The officer voluntarily gave up certification. This is not a decertification.'],
    under_review: ['Under Review', 'A disciplinary decision has been made but is not yet final (appeal window open or appeal pending).'],
  };
  const ACTION_TYPES = { suspension: 'Suspension', revocation: 'Revocation (decertification)', retraining: 'Retraining order' };

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), input: $('search-name'), fieldError: $('search-error'),
    region: $('results-region'), message: $('results-message'), results: $('results'), more: $('load-more'),
    detail: $('officer-detail'), back: $('detail-back'), backLabel: $('detail-back-label'),
    detailMessage: $('detail-message'), detailBody: $('detail-body'), name: $('detail-name'),
    postId: $('detail-post-id'), status: $('detail-status'), statusNote: $('detail-status-note'),
    first: $('detail-first-certified'), last: $('detail-last-certified'),
    agencies: $('detail-agencies'), noAgencies: $('detail-no-agencies'),
    actions: $('detail-actions'), noActions: $('detail-no-actions'),
  };

  let view = 'home';           // 'home' | 'search' | 'officer'
  let inFlight = null;         // AbortController of the current request: a newer one cancels it
  let search = { name: '', count: 0, nextCursor: null, done: false };
  let lastOpenedPostId = null; // to put focus back on the result the user came from
  let detailFromSearch = false; // true when history.back() returns to the results
  let forceFresh = false;      // an explicit submit re-runs the search even if it is on screen
  let searchTicket = 0;        // only the newest search may clear the busy state

  // ---------- small DOM helpers ----------
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // "excessive_force" -> "Excessive force" (for values this page has no label for)
  const humanize = (value) => String(value).replace(/[_-]+/g, ' ').trim().replace(/^./, (c) => c.toUpperCase());

  function badge(status) {
    const known = STATUS[status];
    const node = make('span', 'status-badge', known ? known[0] : humanize(status || 'unknown'));
    node.dataset.status = status || '';
    return node;
  }

  // Dates arrive as YYYY-MM-DD; format in UTC so no time zone can shift the day.
  const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  function dateNode(iso, fallback) {
    const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
    if (!m) return document.createTextNode(fallback);
    const node = make('time', null, DATE_FORMAT.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))));
    node.dateTime = m[0];
    return node;
  }

  /** The API's `endsOn` is the first day a suspension no longer applies; a reader expects the last day it does. */
  function lastDayInForce(endsOn) {
    const m = typeof endsOn === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(endsOn) : null;
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] - 1)).toISOString().slice(0, 10) : null;
  }

  const agencyName = (a) => (typeof a === 'string' ? a : (a && a.name) || 'Not stated');

  // ---------- API ----------
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function getJson(path) {
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    let res;
    try {
      res = await fetch(path, { headers: { Accept: 'application/json' }, signal: controller.signal });
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      throw new ApiError(0, 'Sorry, the registry could not be reached. Check your connection and try again.');
    }
    // A body that is not JSON (e.g. a proxy's HTML error page) must not surface as a parser error.
    const body = await res.json().catch((err) => { if (err.name === 'AbortError') throw err; return null; });
    if (res.ok && body) return body;
    if (res.ok) throw new ApiError(res.status, 'Sorry, the registry sent an unexpected response. Please try again.');
    if (res.status === 429) throw new ApiError(429, 'Too many searches, wait a minute and try again.');
    // application/problem+json; a validation problem's own words are in errors[], its detail is for developers.
    const fieldMessage = body && Array.isArray(body.errors) && body.errors[0] && body.errors[0].message;
    const detail = fieldMessage ? `${fieldMessage[0].toUpperCase()}${fieldMessage.slice(1)}.` : body && (body.detail || body.title);
    throw new ApiError(res.status, detail ? `Sorry – ${detail}`
      : `Sorry, something went wrong (error ${res.status}). Please try again.`);
  }

  // ---------- views ----------
  function show(next) {
    view = next;
    ui.region.hidden = next !== 'search';
    ui.detail.hidden = next !== 'officer';
  }

  function setMessage(node, text, isError) {
    node.textContent = text;
    node.classList.toggle('is-error', Boolean(isError));
  }

  function showFieldError(text) {
    ui.fieldError.textContent = text;
    ui.fieldError.hidden = !text;
    if (text) ui.input.setAttribute('aria-invalid', 'true');
    else ui.input.removeAttribute('aria-invalid');
  }

  function resultItem(o) {
    const li = make('li', 'result');
    const link = make('a', 'result-link');
    link.href = `#/officers/${encodeURIComponent(o.postId)}`;
    link.dataset.postId = o.postId;
    const meta = make('span', 'result-meta', 'POST ID ');
    meta.append(make('span', 'result-post-id mono', o.postId));
    // Hidden separators keep the link's accessible name readable ("Jane Smith, POST ID …, status …").
    link.append(make('span', 'result-name', o.name), make('span', 'visually-hidden', ', '), meta,
      make('span', 'visually-hidden', ', status: '), badge(o.certificationStatus));
    const agencies = Array.isArray(o.agencies) ? o.agencies : [];
    const current = agencies.find((a) => !a.endDate) || agencies[agencies.length - 1];
    if (current) {
      link.append(make('span', 'visually-hidden', ', '),
        make('span', 'result-agency', `${current.endDate ? 'Last agency' : 'Agency'}: ${agencyName(current)}`));
    }
    li.append(link);
    return li;
  }

  function summary() {
    if (search.count === 0) return `No officers found for “${search.name}”. Check the spelling, try part of the name, or search by POST ID.`;
    const found = `${search.count} officer${search.count === 1 ? '' : 's'} found for “${search.name}”`;
    return search.nextCursor ? `${found}. More results are available.` : `${found}.`;
  }

  async function runSearch(name, append) {
    show('search');
    document.title = `Search: ${name} – ${BASE_TITLE}`;
    if (!append) {
      ui.input.value = name;
      ui.results.replaceChildren();
      ui.more.hidden = true;
      search = { name, count: 0, nextCursor: null, done: false };
      if ([...name].length < 2) return setMessage(ui.message, 'Enter at least 2 characters of a name.', true);
      setMessage(ui.message, 'Searching…');
    }
    const params = new URLSearchParams({ name, limit: String(PAGE_SIZE) });
    if (append && search.nextCursor) params.set('cursor', search.nextCursor);
    const firstNew = ui.results.children.length;
    const ticket = ++searchTicket;
    ui.region.setAttribute('aria-busy', 'true');
    ui.more.disabled = true;
    try {
      const page = await getJson(`${API}/officers?${params}`);
      const items = Array.isArray(page.items) ? page.items : [];
      ui.results.append(...items.map(resultItem));
      search.count += items.length;
      search.nextCursor = page.nextCursor || null;
      search.done = true;
      setMessage(ui.message, summary());
      ui.more.hidden = !search.nextCursor;
      // After "Show more", continue from the first new result rather than losing focus.
      const next = append && ui.results.children[firstNew];
      if (next) next.querySelector('a').focus();
    } catch (err) {
      if (err.name === 'AbortError') return;
      setMessage(ui.message, err.message, true);
    } finally {
      if (ticket === searchTicket) {
        ui.region.removeAttribute('aria-busy');
        ui.more.disabled = false;
      }
    }
  }

  // Back to results that are still on screen: no new request, focus returns to the officer opened.
  function restoreSearch() {
    show('search');
    document.title = `Search: ${search.name} – ${BASE_TITLE}`;
    ui.input.value = search.name;
    Array.from(ui.results.querySelectorAll('a.result-link')).find((a) => a.dataset.postId === lastOpenedPostId)?.focus();
  }

  function fillRows(table, rows, toCells) {
    table.tBodies[0].replaceChildren(...rows.map((row) => {
      const tr = make('tr');
      tr.append(...toCells(row).map((cell, i) => {
        const td = make(i === 0 ? 'th' : 'td'); // first column names the row for screen readers
        if (i === 0) td.scope = 'row';
        td.append(cell);                       // strings become text nodes: safe
        return td;
      }));
      return tr;
    }));
    table.parentElement.hidden = rows.length === 0;
  }

  function renderOfficer(o) {
    ui.name.textContent = o.name;
    ui.postId.textContent = o.postId;
    ui.status.replaceChildren(badge(o.certificationStatus));
    ui.statusNote.textContent = (STATUS[o.certificationStatus] || [])[1] || '';
    ui.first.replaceChildren(dateNode(o.firstCertifiedOn, 'Never certified'));
    ui.last.replaceChildren(dateNode(o.lastCertifiedOn, 'Never certified'));

    const agencies = Array.isArray(o.agencies) ? o.agencies : [];
    fillRows(ui.agencies, agencies, (a) => [agencyName(a), dateNode(a.startDate, 'Not recorded'), dateNode(a.endDate, 'Present')]);
    ui.noAgencies.hidden = agencies.length > 0;

    const actions = Array.isArray(o.publicActions) ? o.publicActions : [];
    fillRows(ui.actions, actions, (a) => [
      ACTION_TYPES[a.type] || humanize(a.type || 'action'),
      dateNode(a.effectiveOn, 'Not recorded'),
      dateNode(lastDayInForce(a.endsOn), a.type === 'revocation' ? 'Permanent' : 'No end date'),
      a.groundCategory ? humanize(a.groundCategory) : 'Not stated', // interim suspensions have no grounds
      agencyName(a.agency),
    ]);
    ui.noActions.hidden = actions.length > 0;
    document.title = `${o.name} (${o.postId}) – ${BASE_TITLE}`;
  }

  async function showOfficer(postId) {
    show('officer');
    lastOpenedPostId = postId;
    ui.backLabel.textContent = search.done ? 'Back to results' : 'New search';
    ui.detailBody.hidden = true;
    document.title = `${postId} – ${BASE_TITLE}`;
    if (!POST_ID.test(postId)) {
      setMessage(ui.detailMessage, 'That is not a POST ID. POST IDs look like MA-000042.', true);
      return ui.detailMessage.focus();
    }
    setMessage(ui.detailMessage, 'Loading officer record…');
    try {
      const officer = await getJson(`${API}/officers/${encodeURIComponent(postId)}`);
      renderOfficer(officer);
      setMessage(ui.detailMessage, '');
      ui.detailBody.hidden = false;
      ui.name.focus(); // move screen-reader and keyboard users to the record they opened
    } catch (err) {
      if (err.name === 'AbortError') return;
      setMessage(ui.detailMessage, err.status === 404 ? 'No officer with that POST ID.' : err.message, true);
      ui.detailMessage.focus();
    }
  }

  function showHome() {
    inFlight?.abort();
    show('home');
    document.title = BASE_TITLE;
  }

  // ---------- routing ----------
  function route() {
    const hash = location.hash;
    const officer = /^#\/officers\/([^/?#]+)$/.exec(hash);
    const found = /^#\/search\?(.*)$/.exec(hash);
    const fresh = forceFresh;
    forceFresh = false;
    if (officer) {
      let id = officer[1];
      try { id = decodeURIComponent(id); } catch (_) { /* keep raw */ }
      detailFromSearch = view === 'search';
      showOfficer(id.toUpperCase());
    } else if (found) {
      const name = (new URLSearchParams(found[1]).get('name') || '').trim();
      if (!fresh && search.done && name === search.name) restoreSearch();
      else runSearch(name, false);
    } else if (hash === '' || hash === '#' || hash === '#/') {
      showHome();
    }
    // Any other hash (e.g. "#main" from the skip link) is an in-page anchor, not a route.
  }

  const searchHash = (name) => `#/search?${new URLSearchParams({ name })}`;

  function go(hash) {
    if (location.hash === hash) route(); // same hash fires no hashchange: run it ourselves
    else location.hash = hash;
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.input.value.trim().replace(/\s+/g, ' ');
    const id = POST_ID_TYPED.exec(text); // a POST ID goes straight to the officer
    const tooShort = !id && [...text].length < 2; // code points, as the registry counts
    showFieldError(tooShort ? 'Enter at least 2 characters of a name, or a POST ID such as MA-000042.' : '');
    if (tooShort) return ui.input.focus();
    forceFresh = !id;
    go(id ? `#/officers/${id[1].toUpperCase()}-${id[2]}` : searchHash(text));
  });

  // Clear the error as soon as the user fixes the input.
  ui.input.addEventListener('input', () => {
    if (!ui.fieldError.hidden && ui.input.value.trim().length >= 2) showFieldError('');
  });

  ui.more.addEventListener('click', () => runSearch(search.name, true));

  ui.back.addEventListener('click', () => {
    if (detailFromSearch) history.back(); // returns to the results entry already in history
    else if (search.done) go(searchHash(search.name));
    else { go('#/'); ui.input.focus(); }
  });

  // The skip link would otherwise put "#main" in the hash and add a history entry.
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });

  window.addEventListener('hashchange', route);
  route();
})();
