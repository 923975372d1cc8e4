<?php
/*
 * XCart\Doctrine\FixtureLoader (src/Doctrine/FixtureLoader.php).
 *
 * loadYaml($filePath, $allowedModels, $excludedModels, $params) (:73-103) hands the parsed file to
 * FixtureLoader\YamlLoader::loadYaml() (src/Doctrine/FixtureLoader/YamlLoader.php:34-50), which calls
 * each allowed model's repository loadFixtures() and flushes. ARepo::loadFixture()
 * (classes/XLite/Model/Repo/ARepo.php:1051-1108) looks for the row first (findOneByRecord() by the
 * repository's identifiers: Config by category and name, Repo/Config.php:45-47; Task by owner,
 * Repo/Task.php:20-22) and, when it exists, updates it with the record's fields
 * (loadRawFixture() :1117-1140): loading a file again overwrites the values it names — the
 * admin's included. Missing rows are inserted. The stand-in does this for XLite\Model\Config (its
 * fields; translations are not modelled) and XLite\Model\Task rows. It has no YAML parser of its
 * own (ext-yaml and symfony/yaml are not installed here): tests give it one with standinSetYamlParser().
 *
 * loadArray() is the stand-in's: it inserts the parsed rows as they are (a fresh install).
 */
declare(strict_types=1);

namespace XCart\Doctrine;

class FixtureLoader
{
    /** @var callable|null (string $path): array */
    private static $standinYamlParser;

    public function loadYaml(
        string $filePath,
        array $allowedModels = [],
        array $excludedModels = [],
        array $params = []
    ): void {
        if (!is_file($filePath)) {
            return; // X-Cart logs a warning
        }
        $content = str_replace(array_keys($params), array_values($params), (string)file_get_contents($filePath));
        foreach ($this->standinParse($content) as $model => $rows) {
            $allowed = !$allowedModels || in_array($model, $allowedModels, true);
            if ($allowed && !in_array($model, $excludedModels, true)) {
                $this->standinLoadRows($model, (array)$rows);
            }
        }
        \XLite\Core\Config::updateInstance();
    }

    public function loadArray(array $data)
    {
        $em = \XLite\Core\Database::getEM();
        foreach ($data['XLite\Model\Config'] ?? [] as $row) {
            $option = new \XLite\Model\Config();
            foreach (['name', 'category', 'type', 'orderby', 'value', 'widgetParameters'] as $k) {
                if (array_key_exists($k, $row)) {
                    $option->{'set' . ucfirst($k)}($row[$k]);
                }
            }
            $em->persist($option);
        }
        foreach ($data['XLite\Model\Task'] ?? [] as $row) {
            $em->persist(new \XLite\Model\Task(['owner' => $row['owner']]));
        }
        $em->flush();
        \XLite\Core\Config::updateInstance();
    }

    /** Stand-in only: the YAML parser loadYaml() uses, e.g. tests/browser/lib/FixtureYaml::parse */
    public static function standinSetYamlParser(?callable $parser): void
    {
        self::$standinYamlParser = $parser;
    }

    private function standinParse(string $content): array
    {
        if (self::$standinYamlParser !== null) {
            return (self::$standinYamlParser)($content);
        }
        if (function_exists('yaml_parse')) {
            return (array)yaml_parse($content);
        }
        if (class_exists('Symfony\Component\Yaml\Yaml')) {
            return (array)\Symfony\Component\Yaml\Yaml::parse($content);
        }
        throw new \RuntimeException('the X-Cart stand-in has no YAML parser: FixtureLoader::standinSetYamlParser(), ext-yaml or symfony/yaml');
    }

    /** loadFixture() per row: update the row the identifiers find, else insert; then flush */
    private function standinLoadRows(string $model, array $rows): void
    {
        $em = \XLite\Core\Database::getEM();
        $fields = [
            'XLite\Model\Config' => [['category', 'name'], ['name', 'category', 'type', 'orderby', 'value', 'widgetParameters']],
            'XLite\Model\Task' => [['owner'], []],
        ];
        if (!isset($fields[$model])) {
            return; // [stand-in] other models are not modelled
        }
        [$identifiers, $regular] = $fields[$model];
        foreach ($rows as $row) {
            $criteria = array_intersect_key($row, array_flip($identifiers));
            $entity = count($criteria) === count($identifiers)
                ? \XLite\Core\Database::getRepo($model)->findOneBy($criteria) : null;
            if ($entity === null) {
                $entity = new $model();
                $em->persist($entity);
            }
            foreach (array_intersect_key($row, array_flip(array_merge($identifiers, $regular))) as $field => $value) {
                $entity->{'set' . ucfirst($field)}($value);
            }
        }
        $em->flush();
    }
}
