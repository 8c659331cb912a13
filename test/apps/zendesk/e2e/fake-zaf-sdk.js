// Served in place of https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js: the
// client comes from the harness page around the iframe, which plays Zendesk's side of ZAF.
window.ZAFClient = { init: () => window.parent.zafHost.createClient() };
