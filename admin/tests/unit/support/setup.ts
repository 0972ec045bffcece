// jsdom has no layout engine; vue-router's scrollBehavior calls window.scrollTo on every navigation.
window.scrollTo = () => undefined
