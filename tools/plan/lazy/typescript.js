"use strict";
module.exports = require("./lazyModule").lazyNamespace("typescript");
