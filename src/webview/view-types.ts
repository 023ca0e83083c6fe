// The webview panel types, apart from the protocol's schemas so activation can name them without loading those.
export const STATS_VIEW_TYPE = 'mailgun.stats';
