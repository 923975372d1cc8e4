<?php
/*
 * XCart\Doctrine\FixtureLoader::loadYaml($path) (§1.4): loads config/install.yaml
 * rows.  [inferred] The stand-in understands XLite\Model\Config and
 * XLite\Model\Task rows (others are ignored) and needs a YAML parser: ext-yaml
 * or symfony/yaml; neither is installed here, so loadArray() takes the parsed
 * structure instead.
 */
declare(strict_types=1);

namespace XCart\Doctrine;

class FixtureLoader
{
    public function loadYaml($path)
    {
        if (function_exists('yaml_parse_file')) {
            $data = yaml_parse_file($path);
        } elseif (class_exists('Symfony\Component\Yaml\Yaml')) {
            $data = \Symfony\Component\Yaml\Yaml::parseFile($path);
        } else {
            throw new \RuntimeException('the X-Cart stand-in has no YAML parser (ext-yaml or symfony/yaml); use loadArray()');
        }
        $this->loadArray((array)$data);
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
}
