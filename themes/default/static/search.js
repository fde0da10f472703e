// casebook's search: loaded only by search/index.html. No framework and no
// request leaving the site: it fetches the index casebook built (search/index.json)
// and, for the results it shows, the matching search/docs-N.json files.
// Without JavaScript the page lists every entity instead.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var all = document.getElementById("search-all");
  if (!form || !input || !results) return;
  var root = form.getAttribute("data-root") || "../";
  // The interface strings, in the page's language, from the form's data-* attributes.
  var labels = form.dataset;
  var PER_KIND = 50;
  var index = null;
  var files = {};
  var timer = 0;
  var generation = 0;

  // The same folding as casebook's src/export/search.rs: lowercase, accents
  // removed, ß and the like spelled out.
  var SPELLED = { "æ": "ae", "ð": "d", "ø": "o", "þ": "th", "ß": "ss", "đ": "d", "ħ": "h",
    "ı": "i", "ĳ": "ij", "ĸ": "k", "ŀ": "l", "ł": "l", "ŉ": "n", "ŋ": "n", "œ": "oe",
    "ŧ": "t", "ſ": "s" };
  function fold(text) {
    return text.toLowerCase().replace(/[æðøþßđħıĳĸŀłŉŋœŧſ]/g, function (c) { return SPELLED[c]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w.length > 1 || /^[0-9]$/.test(w);
    });
  }

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  function postings(code) {
    var docs = [];
    var i;
    if (code.charAt(0) === "~") {
      for (i = 1; i < code.length; i++) {
        var bits = DIGITS.indexOf(code.charAt(i));
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) docs.push((i - 1) * 6 + b);
      }
      return docs;
    }
    var previous = -1, gap = 0, shift = 0;
    for (i = 0; i < code.length; i++) {
      var digit = DIGITS.indexOf(code.charAt(i));
      if (digit >= 32) { gap += (digit - 32) * Math.pow(32, shift); shift++; continue; }
      gap += digit * Math.pow(32, shift);
      previous += gap;
      docs.push(previous);
      gap = 0; shift = 0;
    }
    return docs;
  }

  function load(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function loadIndex() {
    if (!index) index = load("index.json");
    return index;
  }
  function loadFile(name, number) {
    var key = name + "-" + number;
    if (!files[key]) files[key] = load(key + ".json");
    return files[key];
  }

  // The postings file holding term number `t`.
  function chunkOf(data, t) {
    var low = 0, high = data.chunks.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (data.chunks[middle] <= t) low = middle; else high = middle - 1;
    }
    return low;
  }

  // The entities holding every word of the query (as a prefix of one of
  // their words, or inside one for words of three letters or more). Only the
  // postings files of matching terms are fetched.
  function match(data, query) {
    var termsPerWord = query.map(function (word) {
      var found = [];
      for (var t = 0; t < data.terms.length; t++) {
        var term = data.terms[t];
        if (word.length >= 3 ? term.indexOf(word) !== -1 : term.lastIndexOf(word, 0) === 0) found.push(t);
      }
      return found;
    });
    var needed = new Set();
    termsPerWord.forEach(function (terms) {
      terms.forEach(function (t) { needed.add(chunkOf(data, t)); });
    });
    return Promise.all(Array.from(needed).map(function (c) {
      return loadFile("postings", c).then(function (lists) { return [c, lists]; });
    })).then(function (loaded) {
      var chunks = {};
      loaded.forEach(function (pair) { chunks[pair[0]] = pair[1]; });
      var found = null;
      termsPerWord.forEach(function (terms) {
        var hits = new Set();
        terms.forEach(function (t) {
          var c = chunkOf(data, t);
          postings(chunks[c][t - data.chunks[c]]).forEach(function (d) { hits.add(d); });
        });
        found = found === null ? hits : new Set(Array.from(found).filter(function (d) { return hits.has(d); }));
      });
      return Array.from(found || []).sort(function (a, b) { return a - b; });
    });
  }

  function element(name, text, attributes) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    return node;
  }

  // The kind of an entity, from the first entity number of each kind.
  function kindOf(data, doc) {
    var kind = 0;
    while (kind + 1 < data.starts.length && doc >= data.starts[kind + 1]) kind++;
    return kind;
  }

  // Fetches the records of the first PER_KIND results of each kind (only the
  // shards holding them), then shows them with the count of each kind.
  function show(data, found, text) {
    var query = words(text);
    var byKind = data.kinds.map(function () { return { total: 0, docs: [] }; });
    found.forEach(function (doc) {
      var group = byKind[kindOf(data, doc)];
      group.total++;
      if (group.docs.length < PER_KIND) group.docs.push(doc);
    });
    var numbers = new Set();
    byKind.forEach(function (group) {
      group.docs.forEach(function (doc) { numbers.add(Math.floor(doc / data.shard)); });
    });
    return Promise.all(Array.from(numbers).map(function (n) {
      return loadFile("docs", n).then(function (records) { return [n, records]; });
    })).then(function (loaded) {
      var records = {};
      loaded.forEach(function (pair) { records[pair[0]] = pair[1]; });
      // Within a type, entities named by the query (title or alias) first.
      function named(record) {
        var names = fold([record[2]].concat(record[3]).join(" "));
        return query.every(function (word) { return names.indexOf(word) !== -1; }) ? 0 : 1;
      }
      byKind.forEach(function (group) {
        group.records = group.docs.map(function (doc) {
          return records[Math.floor(doc / data.shard)][doc % data.shard];
        });
        group.records.sort(function (a, b) { return named(a) - named(b); });
      });
      render(data, byKind, found.length, text);
    });
  }

  function render(data, byKind, total, query) {
    results.textContent = "";
    var summary = total === 0 ? labels.none : (total === 1 ? labels.one : labels.many.replace("{n}", total));
    status.textContent = summary.replace("{q}", query);
    byKind.forEach(function (group, kind) {
      if (group.total === 0) return;
      var section = element("section", "", { "class": "search-group" });
      section.appendChild(element("h2", labels["kind" + data.kinds[kind].charAt(0).toUpperCase() + data.kinds[kind].slice(1)] + " (" + group.total + ")"));
      var list = element("ul", "", { "class": "search-list" });
      group.records.forEach(function (record) {
        var item = element("li");
        item.appendChild(element("a", record[2], { href: root + record[1] }));
        if (record[3].length) item.appendChild(element("span", " (" + record[3].join(", ") + ")", { "class": "search-aliases" }));
        if (record[4]) item.appendChild(element("p", record[4], { "class": "search-summary" }));
        list.appendChild(item);
      });
      section.appendChild(list);
      if (group.total > group.records.length) {
        section.appendChild(element("p", labels.more.replace("{n}", group.total - group.records.length), { "class": "search-more" }));
      }
      results.appendChild(section);
    });
  }

  function run() {
    var text = input.value.trim();
    var query = words(text);
    var mine = ++generation;
    if (query.length === 0) {
      results.textContent = "";
      status.textContent = "";
      if (all) all.hidden = false;
      return;
    }
    if (all) all.hidden = true;
    loadIndex().then(function (data) {
      return match(data, query).then(function (found) {
        if (mine !== generation) return;
        return show(data, found, text);
      });
    }).catch(function () {
      status.textContent = labels.failed;
      if (all) all.hidden = false;
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  function links() {
    return Array.prototype.slice.call(results.querySelectorAll("a"));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", schedule);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape") {
      input.value = "";
      run();
    }
  });
  results.addEventListener("keydown", function (event) {
    var list = links();
    var at = list.indexOf(document.activeElement);
    if (at === -1) return;
    if (event.key === "ArrowDown" && at + 1 < list.length) {
      event.preventDefault();
      list[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at === 0 ? input : list[at - 1]).focus();
    } else if (event.key === "Escape") {
      input.focus();
    }
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  }
})();
