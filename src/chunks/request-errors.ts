// Entry of dist/request-errors.js: the sentences a failed request ends in, loaded on the first failure.
export { cancelledError, httpError, malformedError, networkError, redirectError, timeoutError, wrongUrlError } from '../mailgun/error-messages';
