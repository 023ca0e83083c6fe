exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
