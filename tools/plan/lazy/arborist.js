"use strict";
module.exports = require("./lazyModule").lazyExports("@npmcli/arborist", ["Arborist", "Node", "Link", "Edge", "Shrinkwrap"]);
