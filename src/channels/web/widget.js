(function(){var CONFIG=/*CONFIG*/null;})();
