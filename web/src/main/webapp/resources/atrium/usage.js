/*
 * The usage page's charts: each canvas names its figures in data-chart ({"labels": [...], "series": [{"label",
 * "data"}]}), written by the server; Chart.js (served from the WAR) draws them. The colours follow the page's theme.
 */
(function () {
    'use strict';

    var palette = ['#0b5a96', '#c05600', '#2e7d32', '#8e24aa', '#00838f', '#6d4c41'];

    function draw(canvas) {
        var figures = JSON.parse(canvas.getAttribute('data-chart'));
        var text = getComputedStyle(document.body).color;
        var horizontal = canvas.getAttribute('data-horizontal') === 'true';
        var stacked = canvas.getAttribute('data-stacked') === 'true';
        new window.Chart(canvas, {
            type: 'bar',
            data: {
                labels: figures.labels,
                datasets: figures.series.map(function (series, i) {
                    return {label: series.label, data: series.data, backgroundColor: palette[i % palette.length]};
                })
            },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                animation: false,
                maintainAspectRatio: false,
                color: text,
                scales: {
                    x: {stacked: stacked, ticks: {color: text}},
                    y: {stacked: stacked, ticks: {color: text}, beginAtZero: true}
                },
                plugins: {legend: {display: figures.series.length > 1, labels: {color: text}}}
            }
        });
    }

    if (window.Chart) {
        Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), draw);
    }
}());
