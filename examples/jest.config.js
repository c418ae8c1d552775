module.exports = require('../jest.node').nodeProject(__dirname, ['<rootDir>/shop']);
