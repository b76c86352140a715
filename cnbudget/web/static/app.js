/* cnbudget web UI: charts from embedded JSON, finding explanations on cells, file drop. */
(function () {
  "use strict";

  function charts() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll(".chart[data-option]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-option"));
      if (!source) { return; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      var option = JSON.parse(source.textContent);
      option.animation = false;
      // one number format: amounts in tooltips as on the page (separators, exact digits)
      option.tooltip = option.tooltip || {};
      option.tooltip.valueFormatter = function (v) {
        return typeof v === "number" ? v.toLocaleString("zh-CN", { maximumFractionDigits: 6 }) : v;
      };
      chart.setOption(option);
      el.setAttribute("data-rendered", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function explain() {
    var box = document.getElementById("explain");
    if (!box) { return; }
    var body = box.querySelector(".body");
    function hide() {
      box.hidden = true;
      document.querySelectorAll(".related").forEach(function (el) { el.classList.remove("related"); });
    }
    function show(cell) {
      hide();
      var ids = (cell.getAttribute("data-findings") || "").split(" ").filter(Boolean);
      body.textContent = "";
      ids.forEach(function (id) {
        var item = document.getElementById("finding-" + id);
        if (!item) { return; }
        var copy = item.cloneNode(true);
        copy.removeAttribute("id");
        body.appendChild(copy);
        (item.getAttribute("data-cells") || "").split(" ").forEach(function (cid) {
          var other = cid && document.getElementById(cid);
          if (other) { other.classList.add("related"); }
        });
      });
      var link = cell.querySelector("a.src");
      if (link) {
        var p = document.createElement("p");
        var a = document.createElement("a");
        a.href = link.getAttribute("data-source") || link.getAttribute("href");
        a.textContent = "查看原文第 " + link.getAttribute("data-line") + " 行";
        p.appendChild(a);
        if (link.getAttribute("data-page")) {
          var page = document.createElement("a");
          page.href = link.getAttribute("href");
          page.className = "page";
          page.textContent = "查看原件第 " + link.getAttribute("data-page") + " 页";
          p.appendChild(document.createTextNode(" · "));
          p.appendChild(page);
        }
        body.appendChild(p);
      }
      var rect = cell.getBoundingClientRect();
      box.hidden = false;
      var left = Math.min(window.scrollX + rect.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
      box.style.left = Math.max(8, left) + "px";
      box.style.top = (window.scrollY + rect.bottom + 6) + "px";
    }
    document.addEventListener("click", function (event) {
      var cell = event.target.closest ? event.target.closest("td.flag") : null;
      if (cell) {
        event.preventDefault();
        show(cell);
        return;
      }
      if (event.target.closest && (event.target.closest(".close") || !event.target.closest("#explain"))) { hide(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
      if (event.key === "Enter" && event.target.matches && event.target.matches("td.flag")) { show(event.target); }
    });
    document.querySelectorAll("a.locate").forEach(function (a) {
      a.addEventListener("click", function (event) {
        var cell = document.getElementById(a.getAttribute("href").slice(1));
        if (!cell) { return; }
        event.preventDefault();
        cell.scrollIntoView({ block: "center" });
        show(cell);
      });
    });
  }

  function drop() {
    var zone = document.getElementById("drop");
    var input = document.getElementById("file");
    var form = document.getElementById("upload-form");
    if (!zone || !input || !form) { return; }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
    input.addEventListener("change", function () {
      var label = zone.querySelector("span");
      if (input.files.length && label) { label.textContent = input.files[0].name; }
    });
  }

  function uploadProgress() {
    var form = document.getElementById("upload-form");
    var input = document.getElementById("file");
    if (!form || !input || !window.XMLHttpRequest || !window.FormData) { return; }
    var check = document.getElementById("upload-check");
    var box = document.getElementById("upload-progress");
    var bar = box.querySelector("progress");
    var label = box.querySelector("span");
    function tooBig() {
      var limit = parseInt(form.getAttribute("data-limit") || "0", 10);
      var file = input.files && input.files[0];
      if (file && limit && file.size > limit) {
        check.textContent = "文件过大（" + (file.size / 1048576).toFixed(1) + " MB），上限 " + (limit / 1048576) + " MB";
        check.hidden = false;
        return true;
      }
      check.hidden = true;
      return false;
    }
    input.addEventListener("change", tooBig);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.files || !input.files.length || tooBig()) { return; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      box.hidden = false;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          label.textContent = "正在上传 " + bar.value + "%";
        }
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        label.textContent = "已上传，正在解析和核查…";
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 200 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
        } else {
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener("error", function () {
        label.textContent = "上传失败，请检查网络后重试";
      });
      xhr.send(new FormData(form));
    });
  }

  function highlightLine() {
    var hash = window.location.hash;
    if (!/^#L\d+$/.test(hash)) { return; }
    var line = document.getElementById(hash.slice(1));
    if (line) { line.classList.add("target"); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    charts();
    explain();
    drop();
    uploadProgress();
    highlightLine();
    window.addEventListener("hashchange", function () {
      document.querySelectorAll("#source li.target").forEach(function (el) { el.classList.remove("target"); });
      highlightLine();
    });
  });
})();
