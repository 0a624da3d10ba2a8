// Placeholder until the chart issue lands: proves the browser bundle builds.
document.body.dataset.ready = 'true';
