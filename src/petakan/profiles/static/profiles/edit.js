// Section form. Warns before leaving with unsaved input (on a weak connection a page left by mistake is work
// lost). Without a connection, a saved section is kept on the phone (IndexedDB, via the npm package idb) and sent
// when the connection returns; the server then applies the same checks as to an online save (X-Petakan-Queued
// asks it to answer in JSON). A refused or overtaken save stays on the phone until the user saves it again.
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) return;
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  var statusBox = document.getElementById("queue-status");
  var conflictBox = document.getElementById("queue-conflict");
  var key = location.pathname; // one queued save per village, year and section
  var STORE = "queued-sections";
  var db = window.idb
    ? window.idb.openDB("petakan", 1, { upgrade: function (d) { d.createObjectStore(STORE); } })
    : null;
  var sending = false;

  function inputs() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" && el.type !== "submit";
    });
  }
  function collect() {
    var data = {};
    inputs().forEach(function (el) { data[el.name] = el.value; });
    return data;
  }
  function fill(data) {
    inputs().forEach(function (el) { if (el.name in data) el.value = data[el.name]; });
  }
  function show(text, kind) {
    statusBox.textContent = text;
    statusBox.className = "queue-status " + kind;
    statusBox.hidden = false;
    // the buttons are at the bottom of a long form: bring the answer into view
    if (kind !== "notice") statusBox.scrollIntoView({ block: "center" });
  }
  function read() { return db ? db.then(function (d) { return d.get(STORE, key); }) : Promise.resolve(undefined); }
  function write(entry) { return db.then(function (d) { return d.put(STORE, entry, key); }); }
  function forget() { return db.then(function (d) { return d.delete(STORE, key); }); }

  function labelOf(name) {
    var el = form.elements[name];
    var label = el && el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
    return label ? label.textContent.replace(/\s*\*\s*$/, "") : name;
  }
  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text || "–";
    row.appendChild(td);
  }
  function showConflict(entry) {
    var body = conflictBox.querySelector("tbody");
    body.textContent = "";
    (entry.rows || []).forEach(function (r) {
      var tr = document.createElement("tr");
      [r.field, r.now, r.mine, r.by, r.at].forEach(function (t) { cell(tr, t); });
      body.appendChild(tr);
    });
    conflictBox.hidden = false;
    statusBox.hidden = true;
    conflictBox.scrollIntoView({ block: "start" });
  }
  function showProblems(entry) {
    show(form.dataset.problems, "problems");
    var list = document.createElement("ul");
    Object.keys(entry.errors || {}).forEach(function (name) {
      var li = document.createElement("li");
      li.textContent = labelOf(name) + ": " + entry.errors[name].join(" ");
      list.appendChild(li);
    });
    statusBox.appendChild(list);
  }

  function queue(submitter) {
    var entry = {
      data: collect(),
      version: form.elements.version.value,
      confirm: submitter && submitter.name === "confirm" ? "1" : "",
      savedAt: new Date().toISOString(),
      state: "queued",
    };
    return write(entry).then(function () {
      dirty = false;
      form.dataset.pending = "1";
      conflictBox.hidden = true;
      show(form.dataset.queued, "queued");
      if (navigator.onLine) send();
    });
  }

  // The phone's own saves of other sections of the same profile were prepared against the version this one was:
  // when the server says this save alone moved the profile on by one, they are moved on with it (otherwise the
  // stale-form check would take the phone's own saves for someone else's). Any other gap is left to the server.
  function rebase(url, from, to) {
    if (Number(to) !== Number(from) + 1) return Promise.resolve();
    var profile = url.replace(/ubah\/[^/]+\/$/, "");
    return db.then(function (d) {
      return d.getAllKeys(STORE).then(function (keys) {
        return Promise.all(keys.map(function (k) {
          if (k === url || k.indexOf(profile) !== 0) return null;
          return d.get(STORE, k).then(function (e) {
            if (!e || e.state !== "queued" || String(e.version) !== String(from)) return null;
            e.version = String(to);
            return d.put(STORE, e, k);
          });
        }));
      });
    });
  }

  function answer(entry, body) {
    if (body.status === "saved") {
      form.elements.version.value = body.version;
      delete form.dataset.pending;
      conflictBox.hidden = true;
      return forget()
        .then(function () { return rebase(key, entry.version, body.version); })
        .then(function () { show(form.dataset.sent, "sent"); });
    }
    if (body.status === "conflict") {
      // keep what was typed, on the phone and in the form; a new save is against the version now stored
      entry.state = "conflict";
      entry.rows = body.rows;
      entry.version = String(body.version);
      form.elements.version.value = entry.version;
      return write(entry).then(function () { showConflict(entry); });
    }
    if (body.status === "problems") {
      entry.state = "problems";
      entry.errors = body.errors;
      return write(entry).then(function () { showProblems(entry); });
    }
    entry.state = "refused";
    return write(entry).then(function () { show(body.message || form.dataset.failed, "problems"); });
  }

  function post(url, entry) {
    var body = new URLSearchParams();
    body.set("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.set("version", entry.version);
    if (entry.confirm) body.set("confirm", "1");
    Object.keys(entry.data).forEach(function (k) { body.set(k, entry.data[k]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Petakan-Queued": "1", Accept: "application/json" },
    }).then(function (response) {
      // a login page or a proxy's error is not an answer (json() fails): the entry stays queued
      return response.json();
    });
  }

  function send() {
    if (sending || !db) return;
    sending = true;
    read()
      .then(function (entry) {
        if (!entry || entry.state !== "queued" || !navigator.onLine) return;
        show(form.dataset.sending, "queued");
        return post(key, entry).then(function (json) { return answer(entry, json); });
      })
      .catch(function () { show(form.dataset.failed, "queued"); })
      .then(function () { sending = false; return sendOthers(); });
  }

  // Sections saved on the phone from other pages go out too, from whichever section form is open when the signal
  // returns. Their conflicts and refusals are kept, and shown when their page is opened.
  var sendingOthers = false;
  function sendOthers() {
    // one pass at a time: a second POST of the same entry would be refused as stale and look like a conflict
    if (!db || !navigator.onLine || sendingOthers) return;
    sendingOthers = true;
    return db.then(function (d) {
      return d.getAllKeys(STORE).then(function (keys) {
        var others = keys.filter(function (k) { return k !== key; });
        return others.reduce(function (chain, k) {
          return chain.then(function () {
            return d.get(STORE, k).then(function (entry) {
              if (!entry || entry.state !== "queued") return;
              return post(k, entry).then(function (json) {
                if (json.status === "saved") {
                  return d.delete(STORE, k)
                    .then(function () { return rebase(k, entry.version, json.version); })
                    .then(function () { note(k, "sent"); });
                }
                entry.state = json.status === "conflict" || json.status === "problems" ? json.status : "refused";
                entry.rows = json.rows;
                entry.errors = json.errors;
                if (json.version !== undefined) entry.version = String(json.version);
                return d.put(STORE, entry, k).then(function () { note(k, "problems"); });
              });
            });
          });
        }, Promise.resolve());
      });
    }).catch(function () { /* still queued: tried again at the next signal */ })
      .then(function () { sendingOthers = false; });
  }

  function note(url, kind) {
    var box = document.getElementById("queue-others");
    var nav = document.querySelector('.section-nav a[href="' + url + '"]');
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = url;
    a.textContent = nav ? nav.textContent : url;
    li.appendChild(a);
    li.appendChild(document.createTextNode(": " + (kind === "sent" ? form.dataset.sent : form.dataset.check)));
    li.className = kind;
    box.querySelector("ul").appendChild(li);
    box.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    if (!db) return;
    var submitter = event.submitter;
    if (!navigator.onLine) {
      event.preventDefault();
      queue(submitter);
      return;
    }
    // online, with an earlier save still on the phone: send this one the same way, so that its answer is seen
    // here and the phone's copy is dropped only once the server has stored it
    if (form.dataset.pending === "1") {
      event.preventDefault();
      queue(submitter);
    }
  });

  window.addEventListener("online", send);
  if (navigator.onLine) read().then(function (entry) { if (!entry || entry.state !== "queued") sendOthers(); });
  window.addEventListener("offline", function () {
    if (statusBox.hidden) show(form.dataset.offline, "notice");
  });

  read().then(function (entry) {
    if (!entry) return;
    form.dataset.pending = "1";
    fill(entry.data);
    form.elements.version.value = entry.version;
    if (entry.state === "conflict") showConflict(entry);
    else if (entry.state === "problems") showProblems(entry);
    else if (entry.state === "queued") { show(form.dataset.queued, "queued"); send(); }
    else show(form.dataset.failed, "problems");
  });
})();
