// The page works without this script (a plain form post); with it, files can be dropped on
// the page and the button says that the report is being written.
"use strict";
(function () {
  const form = document.querySelector("form.fuse-form");
  if (!form) return;
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const list = document.getElementById("file-list");

  function showFiles() {
    list.replaceChildren();
    for (const file of input.files) {
      const item = document.createElement("li");
      item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " kB)";
      list.appendChild(item);
    }
  }

  // Dropping anywhere on the page adds the files; without this the browser would open them.
  for (const name of ["dragenter", "dragover"]) {
    document.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  document.addEventListener("dragleave", function (event) {
    if (event.relatedTarget === null) drop.classList.remove("over");
  });
  document.addEventListener("drop", function (event) {
    event.preventDefault();
    drop.classList.remove("over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      showFiles();
    }
  });
  input.addEventListener("change", showFiles);

  form.addEventListener("submit", function () {
    const button = document.getElementById("fuse");
    button.disabled = true;
    document.getElementById("busy").textContent = "Writing the report…";
  });
  // Back from the report (page cache): the button works again.
  window.addEventListener("pageshow", function () {
    document.getElementById("fuse").disabled = false;
    document.getElementById("busy").textContent = "";
  });
})();
