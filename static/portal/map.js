/* Public maps (Leaflet from the portal's own static files). Markers and lines come from the
   portal; the background tiles only where the network reaches the tile server. */
(function () {
  "use strict";
  var COLORS = { KG: "#b3202c", RU: "#1d3f73" };

  function draw(element, data) {
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18, attribution: element.dataset.attribution
    }).addTo(map);
    var language = element.dataset.language || "ru";
    var byId = {};
    var bounds = [];
    (data.municipalities || []).forEach(function (town) {
      var name = town.names ? (town.names[language] || town.names.ru) : town.name;
      var url = town.url || ("/" + language + "/municipalities/" + town.id + "/");
      var marker = L.circleMarker([town.lat, town.lon], {
        radius: 6, color: "#fff", weight: 1.5, fillColor: COLORS[town.country] || "#555",
        fillOpacity: 0.9
      }).addTo(map);
      var link = document.createElement("a");
      link.href = url;
      link.textContent = name;
      marker.bindPopup(link);
      // A text node, never HTML: names are typed by people.
      var label = document.createElement("span");
      label.textContent = name;
      marker.bindTooltip(label);
      marker.getElement && marker.getElement() && marker.getElement().classList.add("map-marker");
      byId[town.id] = [town.lat, town.lon];
      bounds.push([town.lat, town.lon]);
    });
    (data.links || []).forEach(function (link) {
      if (byId[link.a] && byId[link.b]) {
        L.polyline([byId[link.a], byId[link.b]], {
          color: link.status === "active" ? "#1f7a3f" : "#9a6400", weight: 1.5, opacity: 0.6,
          dashArray: link.status === "active" ? null : "4 4"
        }).addTo(map);
      }
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
    } else {
      map.setView([48, 75], 3);
    }
    element.dataset.markers = String(bounds.length);
  }

  document.querySelectorAll(".map").forEach(function (element) {
    if (typeof L === "undefined") { return; }
    if (element.dataset.points) {
      var source = document.getElementById(element.dataset.points);
      draw(element, { municipalities: JSON.parse(source.textContent) });
    } else if (element.dataset.source) {
      fetch(element.dataset.source, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(element, data); });
    }
  });
})();
